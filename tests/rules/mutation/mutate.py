#!/usr/bin/python3
"""Mutation test of the bundled rules (agreements/): every figure and every expression is tested.

    mutate.py [--module-dir build/src/python] [--only FILE]... [--jobs N] [--verbose]
    mutate.py --list [--only FILE]...
    mutate.py --self-test

Each mutation changes one thing in one rule file, textually (the rest of the file byte for byte
as it was), and runs every test that reads agreements/ in-process through the Python module
(`totalis.Rulebook.load`, `Rulebook.assess`). A mutation is *killed by the loader* when the
mutated rules do not load, *killed by the tests* when any check fails or an assessment raises,
and *survives* when every check passes: then no test reads that figure or that operator, and the
rules could be wrong there without any test noticing. The exit status is 1 when any mutation
survives (or the tests fail on the unmutated rules), 0 otherwise.

What is mutated (one mutation a site):
  values       every value of a parameter (`value`, each entry of `values`, list elements and
               table fields; a derived parameter's `offset_years` and `at`) and every pension age
               (`[pension_age] normal` / `earliest`, fixed or keyed, and a variant's
               `earliest_age` / `normal_age`): a TOML integer + 1; a decimal string × 2, keeping
               its decimals (a zero: + 1 in its last digit); an age "66y2m" one year older; a date
               one year later; a boolean negated;
  expressions  every rule expression (formulas, variants' conditions and benefits, export,
               refund and party rules, `covers`, `unless`, `earnings_per_quarter`), every
               operator and constant of each, one at a time: `<` ↔ `<=`, `>` ↔ `>=`, `==` ↔ `!=`,
               binary `+` ↔ `-`, `*` ↔ `/`, a numeric literal + 1, `round_down` ↔ `round_up`,
               `round_half_up` / `round_half_even` → `round_down`, `min` ↔ `max`,
               `floor` ↔ `ceil`, `and` ↔ `or`, `true` ↔ `false`, a fold's `sum` ↔ `avg` and
               `top` ↔ `last`.
With --figures, also the other integers of the rules (measure arguments, conversion divisors and
factors, posting limits, refund deadlines, `full_benefit`).

The tests run for each mutation (all of them, in-process):
  - every worked case on the bundled rules (tests/rules/cases/*/ and tests/acceptance/A-*/
    without a rules/ folder), checked line by line as run_case.py checks expected.txt;
  - the rows of the tables of the law (tests/rules/tables/*/table.txt: pension ages by cohort,
    rates by year), checked as check_tables.py checks them;
  - the US careers (tests/rules/us/careers.json), checked as check_careers.py checks them;
  - the published series (tests/rules/us/check_series.py): US-OASDI's AWI, COLA and taxable
    maximum series against SSA's CSV files.

The module is imported from --module-dir (default: build/src/python of the source tree), built
with -DTOTALIS_PYTHON=ON. Standard library only, besides the module; Python 3.11 (tomllib).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[2]
sys.path.insert(0, str(SOURCE / "tests" / "acceptance"))
sys.path.insert(0, str(SOURCE / "tests" / "rules" / "us"))
sys.path.insert(0, str(SOURCE / "tests" / "rules" / "tables"))

import run_case        # noqa: E402  (check_report, parse_expected: how expected.txt is checked)
import check_careers   # noqa: E402  (career_problems: how a US career is checked)
import check_series    # noqa: E402  (series_problems: the rule file's series against SSA's CSVs)
import check_tables    # noqa: E402  (table_rows: the rows of the tables of the law)


# --- A TOML scanner that keeps positions ---------------------------------------------------------
#
# tomllib gives values, not where they are. This scanner reads the TOML the rule files are written
# in (tables, arrays of tables, dotted keys, inline tables and arrays, the four kinds of strings,
# integers, dates, booleans, comments) and records every scalar with its key path and the offsets
# of its token, so that a mutation replaces exactly that token. The values it reads are compared
# with tomllib's for every file: a file it would misread is an error, not a silent wrong mutation.

@dataclasses.dataclass
class Leaf:
    path: tuple          # keys (str) and array indices (int) from the document's root
    start: int           # offsets of the value's token in the text
    end: int
    kind: str            # string, integer, boolean, date, datetime
    value: object        # the value as tomllib reads it
    quote: str = ""      # a string's delimiter: ' " ''' or """


class TomlSyntax(ValueError):
    pass


BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d:T])")
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?")
NUMBER = re.compile(r"[+-]?(?:0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|inf|nan|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d[\d_]*)?)")
ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.doc: dict = {}
        self.leaves: list[Leaf] = []

    def fail(self, why: str):
        line = self.text.count("\n", 0, self.i) + 1
        raise TomlSyntax(f"line {line}: {why}")

    def peek(self, s: str) -> bool:
        return self.text.startswith(s, self.i)

    def skip_blank(self, newlines: bool) -> None:
        while self.i < len(self.text):
            c = self.text[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#":
                while self.i < len(self.text) and self.text[self.i] != "\n":
                    self.i += 1
            else:
                return

    def node(self, path: tuple):
        here = self.doc
        for p in path:
            here = here[p]
        return here

    def scan(self) -> list[Leaf]:
        table: tuple = ()
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return self.leaves
            if self.peek("[["):
                self.i += 2
                keys = self.keys("]]")
                self.i += 2
                table = self.header(keys, array=True)
            elif self.peek("["):
                self.i += 1
                keys = self.keys("]")
                self.i += 1
                table = self.header(keys, array=False)
            else:
                self.pair(table)
            self.skip_blank(newlines=False)
            if self.i < len(self.text) and self.text[self.i] not in "\r\n":
                self.fail("expected the end of the line")

    def header(self, keys: list[str], array: bool) -> tuple:
        here, path = self.doc, []
        for k in keys[:-1]:
            here = here.setdefault(k, {})
            path.append(k)
            if isinstance(here, list):
                path.append(len(here) - 1)
                here = here[-1]
        last = keys[-1]
        if array:
            items = here.setdefault(last, [])
            items.append({})
            return (*path, last, len(items) - 1)
        here.setdefault(last, {})
        return (*path, last)

    def keys(self, end: str) -> list[str]:
        keys = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek('"') or self.peek("'"):
                start = self.i
                keys.append(self.string(()))
                self.leaves.pop()   # a quoted key is not a value
                _ = start
            else:
                m = BARE_KEY.match(self.text, self.i)
                if not m:
                    self.fail("expected a key")
                keys.append(m.group())
                self.i = m.end()
            self.skip_blank(newlines=False)
            if self.peek("."):
                self.i += 1
                continue
            if not self.peek(end):
                self.fail(f"expected '{end}' after a key")
            return keys

    def pair(self, table: tuple) -> None:
        keys = self.keys("=")
        self.i += 1
        self.skip_blank(newlines=False)
        here, path = self.node(table), list(table)
        for k in keys[:-1]:
            here = here.setdefault(k, {})
            path.append(k)
        here[keys[-1]] = self.value((*path, keys[-1]))

    def value(self, path: tuple):
        t = self.text
        if self.peek('"') or self.peek("'"):
            return self.string(path)
        if self.peek("["):
            self.i += 1
            items: list = []
            while True:
                self.skip_blank(newlines=True)
                if self.peek("]"):
                    self.i += 1
                    return items
                items.append(self.value((*path, len(items))))
                self.skip_blank(newlines=True)
                if self.peek(","):
                    self.i += 1
                elif not self.peek("]"):
                    self.fail("expected ',' or ']' in an array")
        if self.peek("{"):
            self.i += 1
            table: dict = {}
            self.skip_blank(newlines=False)
            if self.peek("}"):
                self.i += 1
                return table
            while True:
                keys = self.keys("=")
                self.i += 1
                self.skip_blank(newlines=False)
                here = table
                for k in keys[:-1]:
                    here = here.setdefault(k, {})
                here[keys[-1]] = self.value((*path, *keys))
                self.skip_blank(newlines=False)
                if self.peek(","):
                    self.i += 1
                elif self.peek("}"):
                    self.i += 1
                    return table
                else:
                    self.fail("expected ',' or '}' in an inline table")
        for word, v in (("true", True), ("false", False)):
            if t.startswith(word, self.i) and not BARE_KEY.match(t, self.i + len(word)):
                return self.leaf(path, self.i + len(word), "boolean", v)
        m = DATETIME.match(t, self.i)
        if m:
            return self.leaf(path, m.end(), "datetime", tomllib.loads("x = " + m.group())["x"])
        m = DATE.match(t, self.i)
        if m:
            return self.leaf(path, m.end(), "date", datetime.date(*map(int, m.groups())))
        m = NUMBER.match(t, self.i)
        if m:
            raw = m.group().replace("_", "")
            if re.fullmatch(r"[+-]?\d+", raw) or raw[:2] in ("0x", "0o", "0b"):
                return self.leaf(path, m.end(), "integer", int(raw, 0))
            # Rule files never hold binary fractions (DESIGN §3): the loader refuses them, so does this.
            self.fail(f"'{raw}' is a floating-point number: amounts are decimal strings or integers")
        self.fail("expected a value")

    def leaf(self, path: tuple, end: int, kind: str, value, quote: str = ""):
        self.leaves.append(Leaf(path, self.i, end, kind, value, quote))
        self.i = end
        return value

    def string(self, path: tuple) -> str:
        t, start = self.text, self.i
        for quote in ('"""', "'''", '"', "'"):
            if t.startswith(quote, start):
                break
        body = start + len(quote)
        close = body
        while True:
            close = t.find(quote, close)
            if close < 0:
                self.fail("an unterminated string")
            if quote[0] == '"' and self.escaped(body, close):
                close += 1
                continue
            break
        if len(quote) == 3:   # up to two quotes may close the body: """a"""" is 'a"'
            while t.startswith(quote[0], close + 3):
                close += 1
        raw = t[body:close]
        if len(quote) == 3 and raw.startswith("\n"):
            raw = raw[1:]
        elif len(quote) == 3 and raw.startswith("\r\n"):
            raw = raw[2:]
        value = self.unescape(raw) if quote[0] == '"' else raw
        self.i = start
        return self.leaf(path, close + len(quote), "string", value, quote)

    def escaped(self, body: int, at: int) -> bool:
        n = 0
        while at - 1 - n >= body and self.text[at - 1 - n] == "\\":
            n += 1
        return n % 2 == 1

    def unescape(self, raw: str) -> str:
        out, i = [], 0
        while i < len(raw):
            c = raw[i]
            if c != "\\":
                out.append(c)
                i += 1
                continue
            e = raw[i + 1]
            if e in ESCAPES:
                out.append(ESCAPES[e])
                i += 2
            elif e in "uU":
                n = 4 if e == "u" else 8
                out.append(chr(int(raw[i + 2:i + 2 + n], 16)))
                i += 2 + n
            else:   # a line-ending backslash: the newline and the whitespace after it vanish
                i += 1
                while i < len(raw) and raw[i] in " \t\r\n":
                    i += 1
        return "".join(out)


def scan_toml(text: str) -> list[Leaf]:
    """Every scalar of a TOML text with its position; raises when tomllib reads the text otherwise."""
    scanner = Scanner(text)
    leaves = scanner.scan()
    if scanner.doc != tomllib.loads(text):
        raise TomlSyntax("the scanner reads this file otherwise than tomllib")
    return leaves


# --- The mutations ------------------------------------------------------------------------------

@dataclasses.dataclass
class Mutation:
    file: str           # relative to the rules directory
    line: int
    key: str            # the key path, e.g. parameters.rentenwert.values[3].value
    category: str       # value, expression, figure
    original: str       # what is shown: the token or the expression around the site
    mutated: str
    start: int          # the span of the file's text replaced
    end: int
    replacement: str

    def describe(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.original} -> {self.mutated}"

    def ident(self) -> str:
        """The mutation without its line number, as the README's list of equivalents names it."""
        return f"{self.file}: {self.key}: {self.original} -> {self.mutated}"


EQUIVALENT = re.compile(r"^- `([^`]+)`")
KNOWN_HEADER = """# The survivors of the mutation test known today (tests/rules/mutation/README.md): a rule
# figure or operator no test reads yet. ctest's rules/mutation fails on any survivor not listed
# here; kill these by tests (never by changing a rule) and remove their lines. Regenerate with
#   /usr/bin/python3 tests/rules/mutation/mutate.py --write-known tests/rules/mutation/survivors.txt
"""


def accepted_equivalents(readme: Path = HERE / "README.md") -> list[str]:
    """The mutations README.md's "Accepted equivalents" section lists (`file: key: original -> mutated`):
    each is argued there to change nothing any valid input could show."""
    out, inside = [], False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line.strip() == "## Accepted equivalents"
        elif inside and (m := EQUIVALENT.match(line)):
            out.append(m.group(1))
    return out


EXPRESSION_KEYS = {"expr", "qualifies", "applies", "benefit", "theoretical", "when", "payable", "who",
                   "amount", "ratio", "accrued", "minimum_own", "covers", "unless", "earnings_per_quarter"}
DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")
AGE = re.compile(r"(\d+)y(\d+)m")


def key_text(path: tuple) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (("." if out else "") + p)
    return out


def is_value(path: tuple) -> bool:
    """A parameter's value or a pension age (the values of the law the issue names)."""
    keys = [p for p in path if isinstance(p, str)]
    if keys[0] == "parameters" and len(keys) >= 3:
        return keys[2] in ("value", "offset_years", "at") or (keys[2] == "values" and len(keys) >= 4
                                                              and keys[3] == "value")
    if keys[0] == "pension_age" and len(keys) >= 2 and keys[1] in ("normal", "earliest"):
        return len(keys) == 2 or (keys[2] == "values" and keys[3:4] == ["value"])
    return keys[0] == "variant" and keys[-1] in ("earliest_age", "normal_age")


def is_figure(path: tuple, leaf: Leaf) -> bool:
    """Any other integer of the rules (with --figures): measure arguments, conversions, limits."""
    keys = [p for p in path if isinstance(p, str)]
    return leaf.kind == "integer" and keys[0] in ("measures", "party", "refund", "periods") or (
        keys[-1] == "threshold" and leaf.kind == "string")


def mutate_value(leaf: Leaf, text: str) -> tuple[str, str] | None:
    """(the replacement token, what it shows) for a value, or None when the value is not mutable."""
    token = text[leaf.start:leaf.end]
    if leaf.kind == "integer":
        return str(leaf.value + 1), str(leaf.value + 1)
    if leaf.kind == "boolean":
        return ("false", "false") if leaf.value else ("true", "true")
    if leaf.kind == "date":
        d = leaf.value
        try:
            moved = d.replace(year=d.year + 1)
        except ValueError:   # 29 February
            moved = d.replace(year=d.year + 1, day=28)
        return moved.isoformat(), moved.isoformat()
    if leaf.kind != "string" or leaf.quote not in ('"', "'"):
        return None
    inner = token[1:-1]
    if DECIMAL.fullmatch(inner):
        places = len(inner.split(".")[1]) if "." in inner else 0
        step = Decimal(1).scaleb(-places)
        number = Decimal(inner)
        new = number * 2 if number != 0 else number + step
        new_text = f"{new.quantize(step):f}"
    elif AGE.fullmatch(inner):
        years, months = AGE.fullmatch(inner).groups()
        new_text = f"{int(years) + 1}y{months}m"
    elif re.fullmatch(r"(\d+) (\w+)", inner):   # a threshold "1 year"
        count, unit = inner.split()
        new_text = f"{int(count) + 1} {unit}"
    else:
        return None
    return token[0] + new_text + token[-1], token[0] + new_text + token[-1]


EXPRESSION_TOKEN = re.compile(r'\s+|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|<=|>=|==|!=|[<>+\-*/(),=%.]')
SWAPS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==", "*": "/", "/": "*",
         "round_down": "round_up", "round_up": "round_down", "round_half_up": "round_down",
         "round_half_even": "round_down", "min": "max", "max": "min", "floor": "ceil", "ceil": "floor",
         "and": "or", "or": "and", "true": "false", "false": "true", "sum": "avg", "avg": "sum",
         "top": "last", "last": "top"}
NOT_OPERANDS = {"and", "or", "not"}


def expression_sites(expr: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for every operator and constant of an expression, in order."""
    sites, previous = [], None   # previous: the last significant token
    connectives = [set()]        # per parenthesis level: the connectives of its chain mutated already
    for m in EXPRESSION_TOKEN.finditer(expr):
        tok = m.group()
        if tok.isspace():
            continue
        if tok == "(":
            connectives.append(set())
        elif tok == ")" and len(connectives) > 1:
            connectives.pop()
        elif tok == ",":
            connectives[-1] = set()
        if tok in ("and", "or"):
            if tok not in connectives[-1]:   # only the first of a chain: `a or b or c` is one list
                connectives[-1].add(tok)
                sites.append((m.start(), m.end(), SWAPS[tok]))
        elif tok in ("+", "-"):
            binary = previous is not None and (previous == ")" or previous[0].isdigit() or (
                (previous[0].isalpha() or previous[0] == "_") and previous not in NOT_OPERANDS))
            if binary:
                sites.append((m.start(), m.end(), "-" if tok == "+" else "+"))
        elif tok in SWAPS:
            sites.append((m.start(), m.end(), SWAPS[tok]))
        elif tok[0].isdigit():
            places = len(tok.split(".")[1]) if "." in tok else 0
            sites.append((m.start(), m.end(), f"{Decimal(tok) + 1:.{places}f}"))
        previous = tok
    return sites


def shown(expr: str, start: int, end: int, replacement: str) -> tuple[str, str]:
    """The expression around a site, whitespace collapsed, before and after the mutation."""
    lo, hi = max(0, start - 40), min(len(expr), end + 40)
    before = expr[lo:start]
    after = expr[end:hi]

    def squash(s: str) -> str:
        return re.sub(r"\s+", " ", s)
    pre, post = ("…" if lo > 0 else ""), ("…" if hi < len(expr) else "")
    return (f"'{pre}{squash(before)}{expr[start:end]}{squash(after)}{post}'",
            f"'{pre}{squash(before)}{replacement}{squash(after)}{post}'")


def mutations_of(rel: str, text: str, figures: bool = False) -> list[Mutation]:
    out = []

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1
    for leaf in scan_toml(text):
        key = key_text(leaf.path)
        last = [p for p in leaf.path if isinstance(p, str)][-1]
        if is_value(leaf.path) or (figures and is_figure(leaf.path, leaf)):
            change = mutate_value(leaf, text)
            if change is None:
                continue
            category = "value" if is_value(leaf.path) else "figure"
            out.append(Mutation(rel, line_of(leaf.start), key, category, text[leaf.start:leaf.end], change[1],
                                leaf.start, leaf.end, change[0]))
        elif last in EXPRESSION_KEYS and leaf.kind == "string" and leaf.path[0] != "cite":
            if leaf.quote[0] == '"' and "\\" in text[leaf.start:leaf.end]:
                raise TomlSyntax(f"{rel}:{line_of(leaf.start)}: an expression with escapes; write it as a literal string")
            body = leaf.start + len(leaf.quote)
            raw = text[body:leaf.end - len(leaf.quote)]
            for start, end, replacement in expression_sites(raw):
                before, after = shown(raw, start, end, replacement)
                out.append(Mutation(rel, line_of(body + start), key, "expression", before, after,
                                    body + start, body + end, replacement))
    return out


def enumerate_mutations(rules: Path, only: list[str], figures: bool) -> list[Mutation]:
    files = sorted(rules.rglob("*.toml"))
    if only:
        wanted = [o.removeprefix("agreements/") for o in only]
        chosen = [f for f in files if any(str(f.relative_to(rules)) == w or f.name == w or f.stem == w
                                          for w in wanted)]
        missing = [w for w in wanted if not any(str(f.relative_to(rules)) == w or f.name == w or f.stem == w
                                                for f in files)]
        if missing:
            raise SystemExit(f"--only: no rule file {', '.join(missing)} under {rules}")
        files = chosen
    out = []
    for f in files:
        out += mutations_of(str(f.relative_to(rules)), f.read_text(encoding="utf-8"), figures)
    return out


# --- The tests, in-process ------------------------------------------------------------------------

@dataclasses.dataclass
class Check:
    name: str
    run: object          # (rulebook, rules_dir) -> a problem (str) or None
    worker: dict | None = None   # the history it assesses, if any
    mentions: str = ""   # the baseline report's text: which schemes and agreements it involves


def case_checks(case_dirs: list[Path], say) -> list[Check]:
    checks = []
    for case in case_dirs:
        arguments = run_case.case_arguments(case)
        if any(a != "--explain" for a in arguments):
            say(f"note: {case.name} is not run (args.txt {' '.join(arguments)}: the module takes only --explain)")
            continue
        worker = json.loads((case / "worker.json").read_text(encoding="utf-8"))
        expected = run_case.parse_expected(case / "expected.txt")
        trace = "--explain" in arguments
        name = str(case.relative_to(SOURCE)) if case.is_relative_to(SOURCE) else case.name

        def run(rulebook, _rules, worker=worker, expected=expected, trace=trace, name=name):
            report = rulebook.assess(worker, trace_expressions=trace)
            lines: list[str] = []
            failed = run_case.check_report(report, expected, name, say=lines.append)
            if failed is None or failed:
                return next((line for line in lines if line.startswith("FAIL")), f"{name}: no schemes")
            return None
        checks.append(Check(name, run, worker))
    return checks


def career_checks() -> list[Check]:
    checks = []
    for career in json.loads((SOURCE / "tests/rules/us/careers.json").read_text(encoding="utf-8")):
        def run(rulebook, _rules, career=career):
            wrong = check_careers.career_problems(rulebook.assess(career["worker"], trace_expressions=True), career)
            return f"tests/rules/us careers {career['id']}: " + "; ".join(wrong) if wrong else None
        checks.append(Check(f"tests/rules/us careers {career['id']}", run, career["worker"]))
    return checks


def table_checks() -> list[Check]:
    checks = []
    for folder in sorted((SOURCE / "tests/rules/tables").iterdir()):
        if not (folder / "table.txt").is_file():
            continue
        for name, worker, expected in check_tables.table_rows(folder):
            def run(rulebook, _rules, worker=worker, expected=expected, name=name):
                lines: list[str] = []
                failed = run_case.check_report(rulebook.assess(worker), expected, name, say=lines.append)
                if failed is None or failed:
                    return next((line for line in lines if line.startswith("FAIL")), f"{name}: no schemes")
                return None
            checks.append(Check(f"tests/rules/tables/{name}", run, worker))
    return checks


def series_checks() -> list[Check]:
    def run(_rulebook, rules):
        problems = check_series.series_problems(Path(rules))
        return "tests/rules/us/check_series.py: " + problems[0] if problems else None
    return [Check("tests/rules/us/check_series.py", run)]


def bundled_checks(say) -> list[Check]:
    cases = [d for d in sorted((SOURCE / "tests/rules/cases").iterdir()) + sorted((SOURCE / "tests/acceptance").glob("A-*"))
             if d.is_dir() and (d / "expected.txt").is_file() and not (d / "rules").is_dir()]
    return case_checks(cases, say) + table_checks() + career_checks() + series_checks()


class Harness:
    """Runs the checks on a copy of the rules, one mutation at a time."""

    def __init__(self, totalis, rules: Path, checks: list[Check], under: str | None = None) -> None:
        self.totalis = totalis
        self.source_rules = rules
        self.checks = checks
        self.tmp = Path(tempfile.mkdtemp(prefix="totalis-mutation-", dir=under))
        self.rules = self.tmp / "rules"
        shutil.copytree(rules, self.rules)
        self.killers: dict[str, list[int]] = {}   # per file: the checks that killed a mutation, latest first
        self.every_check = False                  # run the checks that cannot read the file too

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_all(self, order: list[int], stop: bool) -> list[str]:
        try:
            rulebook = self.totalis.Rulebook.load(str(self.rules))
        except self.totalis.RulebookError as error:
            return ["loader: " + str(error).splitlines()[0]]
        problems = []
        for index in order:
            check = self.checks[index]
            try:
                problem = check.run(rulebook, self.rules)
            except Exception as error:   # an assessment that raises kills the mutation too
                problem = f"{check.name}: {type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
            if problem:
                problems.append(problem)
                if stop:
                    break
        return problems

    def baseline(self) -> list[str]:
        """The checks on the unmutated rules (all must pass); records what each report mentions."""
        problems = self.run_all(list(range(len(self.checks))), stop=False)
        try:
            rulebook = self.totalis.Rulebook.load(str(self.rules))
        except self.totalis.RulebookError:
            return problems
        for check in self.checks:
            if check.worker is not None:
                try:
                    check.mentions = json.dumps(rulebook.assess(check.worker))
                except Exception:   # reported by run_all already
                    pass
        return problems

    def involves(self, check: Check, ident: "RuleId") -> bool:
        """Whether a check can read a rule file at all: it reads no worker (the series check), or its
        baseline report names the file's scheme or agreement (a scheme as assessed or unassessed,
        an agreement as one of `agreements_considered`), or, for a scheme, the worker has a period in
        its country (a scheme that does not cover the worker is reported by country), or, for an
        agreement, the worker lives in one of its parties (its export rules speak to residents of
        its parties with no period there)."""
        if check.worker is None or not ident.id:
            return True
        if f'"{ident.id}"' in check.mentions:
            return True
        worker = check.worker if isinstance(check.worker, dict) else {}
        periods = worker.get("periods", [])
        if ident.country is not None:
            return any(isinstance(p, dict) and p.get("country") == ident.country for p in periods)
        residence = worker.get("worker", {}).get("residence") if isinstance(worker.get("worker"), dict) else None
        return residence in ident.parties

    def order_for(self, mutation: Mutation, ids: dict[str, "RuleId"]) -> list[int]:
        """The checks to run, likeliest killers first: those that killed a mutation of the same file,
        then those that involve the file; with every_check, then the rest."""
        ident = ids.get(mutation.file, RuleId("", None, ()))
        first = [i for i in self.killers.get(mutation.file, [])]
        involved = [i for i, c in enumerate(self.checks) if self.involves(c, ident)]
        rest = list(range(len(self.checks))) if self.every_check else []
        seen, order = set(), []
        for i in first + involved + rest:
            if i not in seen:
                seen.add(i)
                order.append(i)
        return order

    def try_mutation(self, mutation: Mutation, ids: dict[str, RuleId]) -> tuple[str, str]:
        """('loader' | 'killed' | 'survived', the reason)."""
        path = self.rules / mutation.file
        original = (self.source_rules / mutation.file).read_text(encoding="utf-8")
        mutated = original[:mutation.start] + mutation.replacement + original[mutation.end:]
        path.write_text(mutated, encoding="utf-8")
        try:
            problems = self.run_all(self.order_for(mutation, ids), stop=True)
        finally:
            path.write_text(original, encoding="utf-8")
        if not problems:
            return "survived", ""
        if problems[0].startswith("loader: "):
            return "loader", problems[0].removeprefix("loader: ")
        killer = next((i for i, c in enumerate(self.checks) if problems[0].startswith(c.name)), None)
        if killer is not None:
            kill_list = self.killers.setdefault(mutation.file, [])
            if killer in kill_list:
                kill_list.remove(killer)
            kill_list.insert(0, killer)
        return "killed", problems[0]


class RuleId(NamedTuple):
    """A rule file's scheme or agreement id, a scheme's country, an agreement's parties."""
    id: str
    country: str | None
    parties: tuple[str, ...]


def rule_ids(rules: Path) -> dict[str, RuleId]:
    """Per rule file: its RuleId."""
    ids = {}
    for f in rules.rglob("*.toml"):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        ids[str(f.relative_to(rules))] = RuleId(data.get("scheme") or data.get("agreement") or "", data.get("country"),
                                                tuple(data.get("parties", ())))
    return ids


def import_module(module_dir: str | None):
    candidates = [module_dir] if module_dir else [str(SOURCE / "build" / "src" / "python")]
    for c in candidates:
        if c and c not in sys.path:
            sys.path.insert(0, c)
    try:
        import totalis
    except ImportError as error:
        raise SystemExit(f"cannot import the totalis module ({error}); build it with -DTOTALIS_PYTHON=ON "
                         "and give its directory with --module-dir")
    return totalis


# --- Parallel runs ------------------------------------------------------------------------------

_worker: dict = {}


def _init(module_dir, rules, ids, under, every_check) -> None:
    totalis = import_module(module_dir)
    harness = Harness(totalis, Path(rules), bundled_checks(lambda _: None), under)
    harness.every_check = every_check
    harness.baseline()
    _worker.update(harness=harness, ids=ids)


def _run(mutation: Mutation) -> tuple[str, str]:
    return _worker["harness"].try_mutation(mutation, _worker["ids"])


def run_mutations(totalis, module_dir, rules: Path, checks: list[Check], mutations: list[Mutation], jobs: int,
                  progress, every_check: bool = False) -> list[tuple[str, str]]:
    ids = rule_ids(rules)
    if jobs <= 1:
        harness = Harness(totalis, rules, checks)
        harness.every_check = every_check
        try:
            harness.baseline()
            results = []
            for n, m in enumerate(mutations, 1):
                results.append(harness.try_mutation(m, ids))
                progress(n, m, results[-1])
            return results
        finally:
            harness.close()
    context = multiprocessing.get_context("fork")
    under = tempfile.mkdtemp(prefix="totalis-mutation-jobs-")   # the workers' copies, removed at the end
    try:
        with context.Pool(jobs, initializer=_init, initargs=(module_dir, str(rules), ids, under, every_check)) as pool:
            results = []
            for n, (m, r) in enumerate(zip(mutations, pool.imap(_run, mutations, chunksize=4)), 1):
                results.append(r)
                progress(n, m, r)
            return results
    finally:
        shutil.rmtree(under, ignore_errors=True)


# --- Reporting ----------------------------------------------------------------------------------

def read_known(path: Path) -> list[str]:
    """The survivors a --known file lists, one `file: key: original -> mutated` a line (# comments)."""
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def report(mutations: list[Mutation], results: list[tuple[str, str]], say=print,
           equivalents: list[str] | None = None, known: list[str] | None = None) -> int:
    """Prints the counts and every survivor; returns the number of survivors (an accepted equivalent
    that survives is counted apart, one that is killed or no longer generated is reported). With
    `known` (a list of survivors already known), only the others count and are listed; a known one
    that no longer survives is reported, without failing."""
    accepted = set(equivalents or [])
    known_set = set(known or [])
    count = {"loader": 0, "killed": 0, "survived": 0, "equivalent": 0}
    stale = []
    for m, (status, _) in zip(mutations, results):
        if m.ident() in accepted:
            if status == "survived":
                status = "equivalent"
            else:
                stale.append(f"{m.describe()} is listed as equivalent but is {'killed by the loader' if status == 'loader' else 'killed by tests'}")
        count[status] += 1
    generated = {m.ident() for m in mutations}
    only = {m.file for m in mutations}
    stale += [f"{e}: listed as equivalent but not a mutation of the rules" for e in sorted(accepted - generated)
              if e.split(":")[0] in only]
    by_category: dict[str, int] = {}
    for m in mutations:
        by_category[m.category] = by_category.get(m.category, 0) + 1
    say(f"mutations: {len(mutations)} ({', '.join(f'{v} {k}s' for k, v in sorted(by_category.items()))})")
    say(f"killed by the loader: {count['loader']}")
    say(f"killed by tests: {count['killed']}")
    say(f"accepted equivalents (README.md): {count['equivalent']}")
    say(f"survivors: {count['survived']}")
    new = 0
    surviving = set()
    for m, (status, _) in zip(mutations, results):
        if status == "survived" and m.ident() not in accepted:
            surviving.add(m.ident())
            if known is None or m.ident() not in known_set:
                new += 1
                say(("  new: " if known is not None else "  ") + m.describe())
    if known is not None:
        say(f"known survivors (--known): {count['survived'] - new}; new survivors: {new}")
        for k in sorted(known_set - surviving):
            if k.split(":")[0] in only:
                say(f"no longer survives (remove it from the --known list): {k}")
    for line in stale:
        say("stale equivalent: " + line)
    return new + len(stale)


# --- Self-test ----------------------------------------------------------------------------------

SELF_TEST_PARAMETER = '''
[parameters.read_by_no_test]
value = "12.50"
cite = "mutate.py --self-test: a figure no expression reads, so its mutation must survive"
'''


def self_test(totalis) -> int:
    """On a scratch copy of acceptance case A-9 (a tiny synthetic rule set) with one parameter added
    that nothing reads: that parameter's mutation must survive and be reported; the mutations of
    the full pension (800, read by A-9's checks) and of the benefit's `years * accrual_rate` must
    be killed by the test; the run must report a survivor (and so exit non-zero)."""
    case = SOURCE / "tests/acceptance/A-09-iza-pro-rata"
    failures = []
    with tempfile.TemporaryDirectory(prefix="totalis-mutation-self-test-") as tmp:
        scratch = Path(tmp) / "case"
        shutil.copytree(case, scratch)
        scheme = scratch / "rules" / "ES-SYNA.toml"
        scheme.write_text(scheme.read_text(encoding="utf-8") + SELF_TEST_PARAMETER, encoding="utf-8")
        rules = scratch / "rules"
        mutations = enumerate_mutations(rules, [], figures=False)
        checks = case_checks([scratch], print)
        results = run_mutations(totalis, None, rules, checks, mutations, 1, lambda *_: None)
        lines: list[str] = []
        survivors = report(mutations, results, say=lines.append)
        print("\n".join(lines))
        by_key = {}
        for m, (status, why) in zip(mutations, results):
            by_key.setdefault((m.file, m.key, m.category), []).append((m, status, why))

        def expect(file, key, category, status, predicate=lambda m: True):
            found = [(m, s) for m, s, _ in by_key.get((file, key, category), []) if predicate(m)]
            if not found:
                failures.append(f"no {category} mutation of {file} {key}")
            for m, s in found:
                if s != status:
                    failures.append(f"{m.describe()}: {s}, expected {status}")
                else:
                    print(f"ok   {m.describe()}: {s}")
        expect("ES-SYNA.toml", "parameters.read_by_no_test.value", "value", "survived")
        expect("ES-SYNA.toml", "parameters.full_pension.value", "value", "killed")
        expect("ES-SYNA.toml", "variant[0].benefit", "expression", "killed",
               lambda m: "years / accrual_rate" in m.mutated)
        if not any("ES-SYNA.toml:" in line and "read_by_no_test" in line for line in lines):
            failures.append("the surviving mutation is not listed as file:line: key: original -> mutated")
        if survivors == 0:
            failures.append("no survivor reported, so the run would exit 0")
        # the scanner on a mutated file: the rest of the file is byte-identical
        text = scheme.read_text(encoding="utf-8")
        for m in mutations:
            if m.file == "ES-SYNA.toml":
                mutated = text[:m.start] + m.replacement + text[m.end:]
                if mutated[:m.start] != text[:m.start] or mutated[m.start + len(m.replacement):] != text[m.end:]:
                    failures.append(f"{m.describe()}: the file changes outside the mutated token")
    # --known: the survivors listed are not counted, the others are
    surviving = [m.ident() for m, (status, _) in zip(mutations, results) if status == "survived"]
    if report(mutations, results, say=lambda _: None, known=surviving) != 0:
        failures.append("with every survivor listed as known, the run still counts survivors")
    if report(mutations, results, say=lambda _: None, known=surviving[1:]) != 1:
        failures.append("a survivor missing from the known list is not counted as new")
    else:
        print("ok   --known: the listed survivors pass, an unlisted one fails")
    # the accepted equivalents of README.md are mutations the full run generates
    generated = {m.ident() for m in enumerate_mutations(SOURCE / "agreements", [], figures=False)}
    equivalents = accepted_equivalents()
    if not equivalents:
        failures.append("README.md lists no accepted equivalents (or its list cannot be read)")
    for e in equivalents:
        if e not in generated:
            failures.append(f"README.md's accepted equivalent is not a mutation of agreements/: {e}")
    if all(e in generated for e in equivalents):
        print(f"ok   {len(equivalents)} accepted equivalents of README.md are mutations of agreements/")
    # a stale equivalent (listed, but killed) fails the run
    lines = []
    killed = next((m, r) for m, r in zip(mutations, results) if r[0] == "killed")
    if report([killed[0]], [killed[1]], say=lines.append, equivalents=[killed[0].ident()]) == 0:
        failures.append("a killed mutation listed as equivalent is not reported as stale")
    for f in failures:
        print("FAIL " + f)
    print("self-test: " + ("FAIL" if failures else "ok"))
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--module-dir", help="the directory of the built totalis module (build/src/python)")
    parser.add_argument("--rules", type=Path, default=SOURCE / "agreements", help="the rules (agreements/)")
    parser.add_argument("--only", action="append", default=[], help="only this rule file (repeatable): "
                        "schemes/DE-GRV.toml, DE-GRV.toml or DE-GRV")
    parser.add_argument("--list", action="store_true", help="list the mutations, run nothing")
    parser.add_argument("--jobs", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--figures", action="store_true", help="also the other integers of the rules")
    parser.add_argument("--verbose", action="store_true", help="print every mutation's outcome")
    parser.add_argument("--every-check", action="store_true", help="run every check on every mutation, also "
                        "those whose worker the mutated file cannot concern (slower; the same outcome)")
    parser.add_argument("--known", type=Path, help="a list of known survivors (ident a line): only others fail "
                        "the run (tests/rules/mutation/survivors.txt in ctest)")
    parser.add_argument("--write-known", type=Path, help="write the survivors of this run to this file")
    parser.add_argument("--self-test", action="store_true", help="show that a survivor is reported and a tested "
                        "mutation killed, on a scratch rule set")
    args = parser.parse_args()

    if args.list:
        mutations = enumerate_mutations(args.rules, args.only, args.figures)
        for m in mutations:
            print(m.describe())
        print(f"{len(mutations)} mutations")
        return 0
    totalis = import_module(args.module_dir)
    if args.self_test:
        return self_test(totalis)

    started = time.monotonic()
    mutations = enumerate_mutations(args.rules, args.only, args.figures)
    checks = bundled_checks(print)
    harness = Harness(totalis, args.rules, checks)
    try:
        problems = harness.baseline()
    finally:
        harness.close()
    if problems:
        print("the tests fail on the unmutated rules:")
        for p in problems:
            print("  " + p)
        return 1
    print(f"{len(mutations)} mutations of {args.rules}, {len(checks)} checks each "
          f"({args.jobs} job{'s' if args.jobs != 1 else ''})")

    def progress(n, m, result):
        status, why = result
        if args.verbose:
            print(f"[{n}/{len(mutations)}] {status:8} {m.describe()}" + (f"  ({why})" if why else ""), flush=True)
        elif n % 100 == 0:
            print(f"  {n} of {len(mutations)} ({time.monotonic() - started:.0f} s)", flush=True)

    results = run_mutations(totalis, args.module_dir, args.rules, checks, mutations, args.jobs, progress,
                            args.every_check)
    survivors = report(mutations, results, equivalents=accepted_equivalents(),
                       known=read_known(args.known) if args.known else None)
    if args.write_known:
        accepted = set(accepted_equivalents())
        idents = sorted(m.ident() for m, (status, _) in zip(mutations, results)
                        if status == "survived" and m.ident() not in accepted)
        args.write_known.write_text(KNOWN_HEADER + "".join(i + "\n" for i in idents), encoding="utf-8")
        print(f"{len(idents)} survivors written to {args.write_known}")
    print(f"time: {time.monotonic() - started:.1f} s")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
