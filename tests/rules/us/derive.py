#!/usr/bin/python3
"""Derive the US retirement benefit of each career in careers.toml by SSA's published rules.

    /usr/bin/python3 tests/rules/us/derive.py > tests/rules/us/careers.json
    /usr/bin/python3 tests/rules/us/derive.py --check tests/rules/us/careers.json   # in ctest

This is the hand arithmetic of the 40-career table, written out once so that it can be checked
line by line: it reads only SSA's series (data/*.csv, a copy independent of agreements/) and the
rules below, each with its source, and writes for every career the worker (DESIGN §5 input), the
expected AIME, PIA and monthly benefit, and the arithmetic that gives them. It never runs Totalis.
check_careers.py then compares Totalis's figures with these.

The rules (SSA's own words where it has them):
- Age is attained the day before the birthday (20 CFR 404.2(c)(4)); entitlement at 62 from the
  first month the worker is 62 throughout (20 CFR 404.311).
- Elapsed years: after 1950 or the year of 21, whichever is later, before the year of 62 (POMS
  RS 00301.315); fully insured with one QC a year elapsed, at least 6, at most 40 (20 CFR 404.110).
- QCs: before 1978 one per calendar quarter with $50 of wages (20 CFR 404.141; a year's wages taken
  as spread over its quarters); one per $250 of the year's earnings in 1978, then 250 ×
  AWI(Y−2)/AWI(1976) rounded to $10, at most 4 a year (20 CFR 404.143).
- AIME: earnings capped at the contribution and benefit base, indexed by AWI(E−2)/AWI(Y) for
  years before E−2 (face value from E−2 on), each rounded to the cent; the highest
  (elapsed − 5) years, divided by 12 × that many months, rounded down to the dollar (SSA OACT
  Benefits.html; POMS RS 00605.230).
- PIA: 90/32/15 % on bend points 180 and 1,085 × AWI(E−2)/AWI(1977) (nearest dollar), rounded
  down to the dime (SSA OACT piaformula.html), up for the formulas of 1979 through 1982 (20 CFR
  404.212(c)).
- COLAs from the year of eligibility on, each rounded down to the dime (20 CFR 404.304(f)), up for
  those of June 1979, 1980 and 1981 (before June 1982: POMS RS 00601.020); those in force on the
  as-of date (June until 1982, December from 1983).
- The transitional guarantee of those reaching 62 in 1979-1983 (20 CFR 404.230-404.233) is not
  computed: such a career must have an average monthly wage of at most $502 and a PIA at
  eligibility of at least $390.50, so that the guarantee cannot be higher (guarantee_bound).
- Full retirement age by year of birth, a 1 January birthday counting in the year before
  (Act §216(l), 20 CFR 404.409); reduction 5/9 % a month for 36 months, 5/12 % beyond (20 CFR
  404.410); delayed credits 2/3 % a month for those 62 after 2004 (20 CFR 404.313), up to 70;
  credits earned in the year of the claim count from the next January, unless the claim is at 70
  (20 CFR 404.313(c); SSA's Detailed Calculator does the same).
  Those who attained 62 before 1979 (65 before 1982) earn 1/12 of 1 % a month (20 CFR 404.313(b);
  SSA Handbook §720.3: 1 % a year): their PIA is the old benefit table's (not encoded), so for them
  only the factor is asserted (`claim_factor`, the trace's step).
- Special minimum PIA: years of coverage (1937-1950 wages ÷ $900, at most 14; then years with
  earnings of 25 % of the old-law base before 1991, 15 % from 1991), $11.50 a year over 10 (at most
  20) in January 1979 with every COLA since, those of 1979-1981 rounded up to the dime (the rule
  before June 1982, Act §215(g) as it then read); the PIA is the higher one (Act §215(a)(1)(C)).
  A career with `assert = "special_minimum"`, eligible in 1979-1983 with a PIA the transitional
  guarantee could exceed, asserts only the special minimum PIA (`special_minimum_pia`, the trace's
  step), which the guarantee does not change.
- The 1999 COLA counts as 2.5 % instead of 2.4 % for benefits from August 2001 (Public Law
  106-554; SSA OACT colaseries.html).
- A career seen before its year of eligibility (a projection, DESIGN §1: nothing assumed about the
  future): the latest published AWI stands for those not yet published, and no increase after the
  last published is applied, to the special minimum either.
- Monthly benefit: PIA with COLAs × factor, rounded down to the dime (POMS RS 00615.692) and then
  to the dollar; before June 1982 rounded up to the dime and paid so (POMS RS 00601.020 A.1).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import sys
import tomllib
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent


def series(name: str) -> dict[int, Fraction]:
    with open(HERE / "data" / name, newline="") as f:
        rows = list(csv.reader(f))[1:]
    return {int(y): Fraction(v) for y, v in rows}


AWI = series("awi.csv")
COLA = series("cola.csv")
BASE = series("taxable_maximum.csv")
OLD_LAW_BASE = series("old_law_base.csv")
LAST_AWI = max(AWI)
LAST_COLA = max(COLA)


def awi(year: int) -> Fraction:
    return AWI[min(year, LAST_AWI)]   # the latest available AWI for later years (404.1918(a)(1))


def base(year: int) -> Fraction:
    return BASE[min(year, max(BASE))]


def floor_to(x: Fraction, step: Fraction) -> Fraction:
    return math.floor(x / step) * step


def half_up_to(x: Fraction, step: Fraction) -> Fraction:
    return math.floor(x / step + Fraction(1, 2)) * step


def dime(x: Fraction, up: bool) -> Fraction:
    """x to a multiple of $0.10: the next higher one (`up`) or the next lower one."""
    return -floor_to(-x, Fraction(1, 10)) if up else floor_to(x, Fraction(1, 10))


# The transitional guarantee (20 CFR 404.230-404.233) is not encoded: for a worker reaching 62 in
# 1979-1983 the PIA is the higher of the regular one and the December 1978 benefit table's amount
# for the average monthly wage (AMW) over the years before 62, increased from the year of 62 on.
# The table is not available here from an official text, except its line for an AMW of $502:
# $390.50 (the example of 20 CFR 404.222). Its amounts rise with the AMW, so a career of these
# years asserts a benefit only where the AMW is at most $502 and the PIA at eligibility at least
# $390.50: the guarantee is then not higher, and the same increases keep it so.
GUARANTEE_AMW, GUARANTEE_PIA = 502, Fraction(39050, 100)


def guarantee_bound(E: int, first: int, earnings: dict[int, Fraction], pia: Fraction, lines: list[str]) -> None:
    if not 1979 <= E <= 1983:
        return
    if any(y < 1951 for y in earnings):   # the old-start guarantee (404.241-404.242) is not bounded
        raise SystemExit(f"eligibility {E} with earnings before 1951: the old-start guarantee is not encoded")
    years = list(range(first, E))   # elapsed years (404.221(c)); none from the year of 62 (404.232(b))
    n = max(2, len(years) - 5)
    top = sorted((min(earnings.get(y, Fraction(0)), base(y)) for y in years), reverse=True)[:n]
    amw = math.floor(sum(top, Fraction(0)) / (12 * n))
    if amw > GUARANTEE_AMW or pia < GUARANTEE_PIA:
        raise SystemExit(f"eligibility {E}: AMW {amw}, PIA {money(pia)}: the transitional guarantee "
                         f"could be higher (only AMW $502 → $390.50 is known); choose another career")
    lines.append(f"transitional guarantee (20 CFR 404.230-404.233, not encoded): AMW = {money(sum(top, Fraction(0)))} "
                 f"/ {12 * n} → {amw} ≤ 502, so its December 1978 PIA ≤ 390.50 (20 CFR 404.222 example) "
                 f"≤ {money(pia)}: the PIA stands")


def decimal(x: Fraction, places: int) -> str:
    """x rounded half up to `places` decimals, exactly (no binary floating point)."""
    scaled = math.floor(abs(x) * 10**places + Fraction(1, 2))
    whole, frac = divmod(scaled, 10**places)
    text = f"{whole:,}" + (f".{frac:0{places}d}" if places else "")
    return ("-" if x < 0 else "") + text


def figure(x: Fraction) -> str:
    """x to the cent as the report prints a figure: no thousands separator ("1134.17")."""
    return decimal(x, 2).replace(",", "")


def asserted_alone(lines: list[str], keep: tuple[str, ...], said: str) -> list[str]:
    """The arithmetic of a career that asserts one figure alone: the lines that lead to it, and why."""
    return [line for line in lines if line.startswith(keep)] + [said]


def money(x: Fraction) -> str:
    return decimal(x, 2) if x.denominator != 1 else f"{int(x):,}"


def attains(birth: dt.date, years: int, months: int = 0) -> dt.date:
    total = birth.year * 12 + (birth.month - 1) + years * 12 + months
    y, m = divmod(total, 12)
    assert birth.day <= 28, "careers are born on days 1-28, which every month has"
    return dt.date(y, m + 1, birth.day) - dt.timedelta(days=1)


def first_of_month(d: dt.date) -> dt.date:
    return d.replace(day=1)


def next_month(d: dt.date) -> dt.date:
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def fra_months(birth: dt.date) -> int:
    year = (birth - dt.timedelta(days=1)).year   # born 1 January: the year before
    if year <= 1937:
        return 65 * 12
    if year <= 1942:
        return 65 * 12 + 2 * (year - 1937)
    if year <= 1954:
        return 66 * 12
    if year <= 1959:
        return 66 * 12 + 2 * (year - 1954)
    return 67 * 12


def drc_24ths(eligibility_year: int) -> int:
    table = [(2005, 16), (2003, 15), (2001, 14), (1999, 13), (1997, 12), (1995, 11), (1993, 10), (1991, 9),
             (1989, 8), (1987, 7), (1979, 6)]
    for first, value in table:
        if eligibility_year >= first:
            return value
    return 2


def months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month)


def earnings_of(career: dict, birth: dt.date) -> dict[int, Fraction]:
    out: dict[int, Fraction] = {}
    for block in career["earnings"]:
        first, last = block["years"]
        gaps = set(block.get("gaps", []))
        for year in range(first, last + 1):
            if year in gaps:
                continue
            if "awi_times" in block:
                value = half_up_to(Fraction(block["awi_times"]) * awi(year), Fraction(1, 100))
            elif "old_law_base_percent_over" in block:   # just above a year of coverage
                percent = (25 if year <= 1990 else 15) + Fraction(block["old_law_base_percent_over"])
                value = math.ceil(percent * OLD_LAW_BASE[year] / 100 * 100) / Fraction(100)
            else:
                value = Fraction(block["amount"])
            out[year] = value
    return out


def derive(career: dict) -> dict:
    birth = dt.date.fromisoformat(career["birth_date"])
    lines: list[str] = []
    at62 = attains(birth, 62)
    E = at62.year
    first_entitlement = at62 if at62.day == 1 else next_month(at62)
    fra = fra_months(birth)
    fra_month = first_of_month(attains(birth, fra // 12, fra % 12))
    lines.append(f"born {birth}: attains 62 on {at62} (eligibility year {E}), first month 62 throughout "
                 f"{first_entitlement:%Y-%m}; full retirement age {fra // 12}y{fra % 12}m, attained in {fra_month:%Y-%m}")

    claim_spec = career["claim"]
    if claim_spec == "62":
        claim = first_entitlement
    elif claim_spec == "fra":
        claim = fra_month
    elif claim_spec == "70":
        claim = first_of_month(attains(birth, 70))
    else:
        claim = dt.date.fromisoformat(claim_spec)
    as_of = dt.date.fromisoformat(career["as_of"]) if "as_of" in career else claim

    earnings = earnings_of(career, birth)
    y21 = attains(birth, 21).year
    elapsed = max(0, E - 1 - max(1950, y21))
    n = max(2, elapsed - 5)
    needed = min(max(elapsed, 6), 40)
    qcs = 0
    for year, amount in earnings.items():
        # before 1978 a calendar quarter with $50 of wages (20 CFR 404.141), the year's wages taken as
        # spread over its quarters; $250 in 1978, then 250 × AWI(Y−2)/AWI(1976) (20 CFR 404.143)
        per_q = (Fraction(50) if year < 1978 else Fraction(250) if year < 1979
                 else half_up_to(250 * awi(year - 2) / AWI[1976], Fraction(10)))
        qcs += min(4, math.floor(amount / per_q))
    lines.append(f"elapsed years {max(1950, y21) + 1}-{E - 1} = {elapsed}; QCs needed {needed}; QCs earned {qcs}; "
                 f"computation years {elapsed} - 5 = {n}")
    if qcs < needed:
        raise SystemExit(f"{career['id']}: not fully insured ({qcs} < {needed}); choose another career")

    index_year = E - 2
    indexed = {}
    for year, amount in earnings.items():
        if year < 1951:   # computation base years are the years after 1950 (Act §215(b)(2)(B)(ii))
            continue
        capped = min(amount, base(year))
        factor = awi(index_year) / awi(year) if year < index_year else Fraction(1)
        indexed[year] = half_up_to(capped * factor, Fraction(1, 100))
    top = sorted(indexed.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    total = sum((v for _, v in top), Fraction(0))
    aime = math.floor(total / (12 * n))
    capped_years = [y for y, a in earnings.items() if a > base(y)]
    if capped_years:
        lines.append(f"earnings above the base in {len(capped_years)} years ({min(capped_years)}-{max(capped_years)}): "
                     f"capped at the year's base")
    awi_name = (f"AWI({index_year})" if index_year <= LAST_AWI
                else f"AWI({index_year}), not yet published: the latest, AWI({LAST_AWI})")
    lines.append(f"indexed to {awi_name} = {money(awi(index_year))}: the highest {min(n, len(top))} of "
                 f"{len(indexed)} years sum to {money(total)}; AIME = {money(total)} / {12 * n} = "
                 f"{decimal(total / (12 * n), 4)} → {aime}")

    b1 = half_up_to(180 * awi(index_year) / AWI[1977], Fraction(1))
    b2 = half_up_to(1085 * awi(index_year) / AWI[1977], Fraction(1))
    raw = (Fraction(9, 10) * min(aime, b1) + Fraction(32, 100) * min(max(aime - b1, 0), b2 - b1)
           + Fraction(15, 100) * max(aime - b2, 0))
    pia = dime(raw, up=E <= 1982)   # 20 CFR 404.212(c): the formulas of 1979-1982 round up
    lines.append(f"bend points {E}: 180 × {money(awi(index_year))} / 9,779.44 → {b1}, 1,085 × … → {b2}; "
                 f"PIA = 0.9 × {min(aime, b1)} + 0.32 × {min(max(aime - b1, 0), b2 - b1)} + 0.15 × {max(aime - b2, 0)} "
                 f"= {decimal(raw, 4)} → {money(pia)}" + (" (up to the dime: the formula of a year before 1983)"
                                                          if E <= 1982 and pia != raw else ""))

    corrected_1999 = (as_of.year, as_of.month) >= (2001, 8)

    def cola(year: int) -> Fraction:
        return Fraction(25, 10) if year == 1999 and corrected_1999 else COLA[year]

    pre1951 = sum((a for y, a in earnings.items() if y < 1951), Fraction(0))
    yoc = min(math.floor(pre1951 / 900), 14) + sum(
        1 for y, a in earnings.items()
        if y >= 1951 and a >= (25 if y <= 1990 else 15) * OLD_LAW_BASE[min(y, max(OLD_LAW_BASE))] / 100)
    special = Fraction(0)
    if yoc > 10:
        special = Fraction(23, 2) * min(yoc - 10, 20)
        # up to the dime before June 1982, down after; none assumed after the last published
        # (DESIGN §1: a projection's special minimum has the increases published so far)
        for year in range(1979, min(E, LAST_COLA + 1)):
            special = dime(special * (100 + cola(year)) / 100, up=year < 1982)
    lines.append(f"years of coverage {yoc}: special minimum PIA for {E} = "
                 + (f"11.50 × {min(yoc - 10, 20)} with the COLAs 1979-{min(E, LAST_COLA + 1) - 1} = {money(special)}"
                    if yoc > 10 else "none")
                 + (" (the higher: it is the PIA)" if special > pia else ""))
    base_pia = max(pia, special)
    special_alone = career.get("assert") == "special_minimum"
    if special_alone and not 1979 <= E <= 1983:
        raise SystemExit(f"{career['id']}: the special minimum alone is asserted only for eligibility in "
                         f"1979-1983, where the transitional guarantee leaves the PIA unknown (not {E})")
    if not special_alone:
        guarantee_bound(E, max(1950, y21) + 1, earnings, base_pia, lines)

    cola_month = 12 if as_of.year >= 1983 else 6
    cola_end = max(E, min(as_of.year + (1 if as_of.month >= cola_month else 0), LAST_COLA + 1))
    now = base_pia
    steps = []
    for year in range(E, cola_end):
        now = dime(now * (100 + cola(year)) / 100, up=year < 1982)   # June 1979-1981: up
        steps.append(f"{year} +{decimal(cola(year), 1)}% → {money(now)}" + (" (up)" if year < 1982 else ""))
    lines.append("COLAs in force on " + str(as_of) + ": " + ("; ".join(steps) if steps else "none"))

    early = max(0, months_between(claim, fra_month))
    earned = min(max(0, months_between(fra_month, claim)), 840 - fra)
    # Credits earned in the claim's own year count from the next January (20 CFR 404.313(c)),
    # unless the claim is at 70; a benefit reported in a later year has them all.
    late = earned
    if earned and earned < 840 - fra and as_of.year <= claim.year:
        late = max(0, earned - (claim.month - 1))
    factor = (1 - Fraction(5, 900) * min(early, 36) - Fraction(5, 1200) * max(early - 36, 0)
              + late * Fraction(drc_24ths(E), 2400))
    # Paid to the dime, rounded up, before June 1982 (POMS RS 00601.020 A.1); from June 1982 the MBA
    # is rounded down to the dime and the amount payable down to the dollar (SSA Handbook §738.2).
    dimes = (as_of.year, as_of.month) < (1982, 6)
    mba = dime(now * factor, up=True) if dimes else Fraction(math.floor(now * factor))
    if early:
        lines.append(f"claim {claim:%Y-%m}: {early} months early, factor 1 - 5/900 × {min(early, 36)} - "
                     f"5/1200 × {max(early - 36, 0)} = {decimal(factor, 6)}")
    elif earned:
        lines.append(f"claim {claim:%Y-%m}: {earned} months after full retirement age, {late} of them credited "
                     f"in {max(claim, as_of):%Y-%m} (those of the claim year from the next January), at "
                     f"{drc_24ths(E)}/24 % = factor {decimal(factor, 6)}")
    else:
        lines.append(f"claim {claim:%Y-%m}: at full retirement age, factor 1")
    lines.append(f"monthly benefit = {money(now)} × {decimal(factor, 6)} = {decimal(now * factor, 4)} → {money(mba)}"
                 + (" (up to the dime: before June 1982)" if dimes else ""))

    expected = {"aime": str(aime), "pia": figure(pia), "benefit": figure(mba)}
    if E < 1979:
        # Eligibility before 1979: the PIA is the old benefit table's (not encoded, a caveat of the
        # scheme), so only the delayed credit factor, which does not depend on it, is asserted; the
        # credits of those 65 before 1982 run to 72, to 70 for months after 1982 (Handbook §720.2),
        # and credits earned before 1983 are not encoded here.
        if not earned or attains(birth, 70).year < 1983 or fra_month.year < 1971:
            raise SystemExit(f"{career['id']}: eligibility {E}: only a claim after full retirement age, with "
                             f"credits after 1970 and 70 reached after 1982, is asserted")
        lines = asserted_alone(lines, ("born", "elapsed", "claim"),
                               f"eligibility before 1979: the PIA is the old benefit table's (not encoded, and not "
                               f"shown here); asserted: the claim factor {decimal(factor, 6)} alone")
        expected = {"claim_factor": decimal(factor, 6)}

    if special_alone:
        # Eligibility in 1979-1983 with a PIA the transitional guarantee could exceed (its December
        # 1978 table is not encoded): the special minimum PIA, which the guarantee does not change,
        # is asserted alone (the trace's step).
        lines = asserted_alone([line.replace("(the higher: it is the PIA)", "(higher than the new formula's PIA)")
                                for line in lines], ("born", "elapsed", "years of coverage"),
                               f"eligibility {E}: the PIA may be the transitional guarantee's (not encoded, and not "
                               f"shown here); asserted: the special minimum PIA {money(special)} alone")
        expected = {"special_minimum_pia": figure(special)}

    periods = [{"country": "US", "from": f"{y}-01-01", "to": f"{y}-12-31", "kind": "employed",
                "earnings": figure(a)} for y, a in sorted(earnings.items())]
    worker = {"worker": {"id": career["id"], "birth_date": career["birth_date"], "nationalities": ["US"],
                         "residence": "US", "as_of": str(as_of), "claim_dates": {"US-OASDI": str(claim)}},
              "periods": periods}
    return {"id": career["id"], "what": career["what"], "worker": worker,
            "expected": expected,
            "arithmetic": lines}


def main() -> int:
    careers = tomllib.loads((HERE / "careers.toml").read_text(encoding="utf-8"))["career"]
    text = json.dumps([derive(c) for c in careers], indent=1, ensure_ascii=False) + "\n"
    if len(sys.argv) == 3 and sys.argv[1] == "--check":   # the committed table is what this derives
        if Path(sys.argv[2]).read_text(encoding="utf-8") != text:
            print(f"{sys.argv[2]} is not what derive.py derives: regenerate it with "
                  "/usr/bin/python3 tests/rules/us/derive.py > tests/rules/us/careers.json")
            return 1
        print(f"{len(careers)} careers derived, {sys.argv[2]} up to date")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
