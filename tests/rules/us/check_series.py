#!/usr/bin/python3
"""US-OASDI's published series against SSA's CSV files (tests/rules/us/data/, see its README).

    check_series.py [--rules agreements]

The rule file's `awi`, `cola`, `taxable_maximum` and `old_law_base` parameters are year-by-year
copies of series SSA publishes. For each, every year of the CSV must have an entry in the rule file
(`from = YEAR`) with the same value (compared as decimals: "0.0" is "0"), and every entry of the
rule file must be a year of the CSV: a mistyped, missing or extra year fails. The careers of
careers.json read only the years their workers earned in; this reads every year.

Standard library only (tomllib: Python 3.11 or later). Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SOURCE = Path(__file__).resolve().parents[3]

# parameter of schemes/US-OASDI.toml -> the CSV file (year, value) it copies
SERIES = {
    "awi": "awi.csv",
    "cola": "cola.csv",
    "taxable_maximum": "taxable_maximum.csv",
    "old_law_base": "old_law_base.csv",
}


def published(name: str) -> dict[int, Decimal]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return {int(year): Decimal(value) for year, value in rows[1:] if year}


def series_problems(rules: Path) -> list[str]:
    """Every difference between the rule file's series and SSA's, one line each."""
    path = rules / "schemes" / "US-OASDI.toml"
    parameters = tomllib.loads(path.read_text(encoding="utf-8")).get("parameters", {})
    problems = []
    for parameter, csv_name in SERIES.items():
        entries = parameters.get(parameter, {}).get("values")
        if not entries:
            problems.append(f"{path}: no dated parameter '{parameter}'")
            continue
        encoded: dict[int, Decimal] = {}
        for entry in entries:
            year = entry.get("from")
            if not isinstance(year, int) or entry.get("to", year) != year:
                problems.append(f"{path}: {parameter}: an entry {entry} is not one year (from = YEAR)")
                continue
            encoded[year] = Decimal(str(entry["value"]))
        ssa = published(csv_name)
        for year in sorted(set(ssa) | set(encoded)):
            if year not in encoded:
                problems.append(f"{parameter} {year}: SSA publishes {ssa[year]} ({csv_name}), the rule file has no entry")
            elif year not in ssa:
                problems.append(f"{parameter} {year}: the rule file has {encoded[year]}, {csv_name} has no such year")
            elif encoded[year] != ssa[year]:
                problems.append(f"{parameter} {year}: the rule file has {encoded[year]}, SSA publishes {ssa[year]} "
                                f"({csv_name})")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=SOURCE / "agreements")
    args = parser.parse_args()
    problems = series_problems(args.rules)
    for p in problems:
        print("FAIL " + p)
    print(f"{len(SERIES)} series of schemes/US-OASDI.toml against SSA's: "
          + (f"{len(problems)} differences" if problems else "equal"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
