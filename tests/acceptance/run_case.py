#!/usr/bin/python3
"""Run one acceptance case of tests/acceptance/ against `totalis assess` and check its figures.

    run_case.py --cli build/totalis tests/acceptance/A-09-iza-pro-rata

runs `totalis assess --rules CASE/rules CASE/worker.json --format json`, reads the JSON report
(DESIGN §6) and checks every line of CASE/expected.txt. A case on real schemes has no `rules/`
folder and runs against the bundled `agreements/` instead. CASE/args.txt, when present, holds
further arguments for `totalis assess` (whitespace-separated, e.g. `--horizon 20 --uprating 0.02`).

    # a comment (the arithmetic and the source of the next figure)
    SCHEME FIELD VALUE

SCHEME `-` checks a path from the report's root instead (`- unassessed[country=SA].reason
not_covered`). FIELD is a key of the scheme's object in the report's "schemes" list, or a path into it:
`basis`, `pro_rata`, `totalized_periods.count`, `lost_reasons[reason=pro_rata_method].amount`
(`[key=value]` picks the first element of a list whose `key` is `value`). `qualified_alone` and
`qualified_totalized` stand for `qualified.alone` and `qualified.totalized`; FIELD `warnings` counts the
report's warnings that speak of the scheme (`US-OASDI: …`: its warning and the caveats that hold). VALUE is compared
with the reported value exactly, as a string ("360.00" is not "360"); booleans are `true` /
`false`; `null` means the key is absent or null (DESIGN §1: `independent` is absent, not zero,
when there is no independent right). A figure reported as a JSON number instead of a decimal
string fails (DESIGN §3: amounts and counts print as decimal strings).

Every check is printed; the exit status is 0 when all pass, 1 when any fails or the report cannot
be had.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ALIASES = {
    "qualified_alone": "qualified.alone",
    "qualified_totalized": "qualified.totalized",
}
SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([A-Za-z_][A-Za-z0-9_]*)=([^\]]*)\])?$")


class Missing:
    """A path that leads nowhere, with the reason."""

    def __init__(self, why: str) -> None:
        self.why = why


class Number:
    """A JSON number, kept as its text."""

    def __init__(self, text: str) -> None:
        self.text = text


def content_lines(path: Path):
    """(line number, the line as written, its whitespace-separated words) for every line of a
    checks file that is neither blank nor a # comment (expected.txt here, table.txt in tests/rules/tables)."""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield number, raw, line.split()


def parse_expected(path: Path) -> list[tuple[int, str, str, str]]:
    checks = []
    for number, raw, parts in content_lines(path):
        if len(parts) != 3:
            raise ValueError(f"{path}:{number}: expected 'SCHEME FIELD VALUE', got: {raw!r}")
        checks.append((number, parts[0], parts[1], parts[2]))
    if not checks:
        raise ValueError(f"{path}: no checks")
    return checks


def resolve(obj, field: str):
    path = ALIASES.get(field, field)
    here = obj
    walked = []
    for segment in path.split("."):
        match = SEGMENT.match(segment)
        if not match:
            raise ValueError(f"malformed field path segment {segment!r} in {field!r}")
        key, select_key, select_value = match.groups()
        walked.append(segment)
        if not isinstance(here, dict):
            return Missing(f"'{'.'.join(walked[:-1])}' is not an object")
        if key not in here:
            return Missing(f"no key '{'.'.join(walked)}'" if select_key is None else f"no key '{key}'")
        here = here[key]
        if select_key is not None:
            if not isinstance(here, list):
                return Missing(f"'{key}' is not a list")
            found = [e for e in here if isinstance(e, dict) and as_text(e.get(select_key)) == select_value]
            if not found:
                shown = [as_text(e.get(select_key)) if isinstance(e, dict) else "?" for e in here]
                return Missing(f"no element of '{key}' with {select_key} = {select_value} (has: {', '.join(shown) or 'none'})")
            here = found[0]
    return here


def as_text(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Number):
        return value.text
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def is_number(value) -> bool:
    """A JSON number: kept as its text (Number) by run_case.py, an int or float when the report was
    read by json.loads alone (the Python module's `Rulebook.assess`)."""
    return isinstance(value, Number) or (isinstance(value, (int, float)) and not isinstance(value, bool))


def check_report(report, checks: list[tuple[int, str, str, str]], name: str, say=print) -> int | None:
    """Checks a report (the JSON report as read) against the lines of expected.txt; `say` gets each
    result line. Returns the number of failed checks, or None when the report has no schemes list.
    Shared with tests/rules/mutation/mutate.py, which gets its reports from the Python module."""
    schemes = report.get("schemes") if isinstance(report, dict) else None
    if not isinstance(schemes, list):
        say(f"{name}: FAIL: the report has no 'schemes' list")
        return None
    by_id = {s.get("scheme"): s for s in schemes if isinstance(s, dict)}

    failures = 0
    for number, scheme, field, expected in checks:
        where = f"{name}: expected.txt:{number}: {scheme} {field}"
        if scheme == "-":
            target = report
        elif scheme not in by_id:
            failures += 1
            say(f"FAIL {where}: expected {expected}, but the report has no scheme {scheme} "
                f"(schemes: {', '.join(sorted(str(k) for k in by_id)) or 'none'})")
            continue
        else:
            target = by_id[scheme]
        if scheme != "-" and field == "warnings":
            # How many of the report's warnings speak of this scheme ("US-OASDI: …"): its warning
            # and the caveats that hold for the worker (the report lists warnings as plain text).
            said = [w for w in report.get("warnings", []) if isinstance(w, str) and w.startswith(scheme + ": ")]
            if str(len(said)) == expected:
                say(f"ok   {where} = {len(said)}")
            else:
                failures += 1
                say(f"FAIL {where}: expected {expected}, actual {len(said)}: {said}")
            continue
        try:
            actual = resolve(target, field)
        except ValueError as error:
            failures += 1
            say(f"FAIL {where}: {error}")
            continue
        if isinstance(actual, Missing):
            if expected == "null":
                say(f"ok   {where} = null (absent: {actual.why})")
            else:
                failures += 1
                say(f"FAIL {where}: expected {expected}, actual: absent ({actual.why})")
            continue
        text = as_text(actual)
        if is_number(actual):
            failures += 1
            say(f"FAIL {where}: expected \"{expected}\", actual: the JSON number {text} "
                f"(figures print as decimal strings, DESIGN §3)")
        elif text == expected:
            say(f"ok   {where} = {text}")
        else:
            failures += 1
            say(f"FAIL {where}: expected {expected}, actual {text}")
    return failures


def case_rules(case: Path) -> Path:
    """The rules a case runs on: its own rules/ folder, or the bundled agreements/."""
    return case / "rules" if (case / "rules").is_dir() else Path(__file__).resolve().parents[2] / "agreements"


def case_arguments(case: Path) -> list[str]:
    """The further `totalis assess` arguments of CASE/args.txt (none when it is absent)."""
    return (case / "args.txt").read_text(encoding="utf-8").split() if (case / "args.txt").is_file() else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the totalis program")
    parser.add_argument("case", type=Path, help="the case directory (rules/, worker.json, expected.txt)")
    args = parser.parse_args()

    case = args.case.resolve()
    name = case.name
    try:
        checks = parse_expected(case / "expected.txt")
    except (OSError, ValueError) as error:
        print(f"{name}: FAIL: {error}")
        return 1

    rules = case_rules(case)
    extra = case_arguments(case)
    command = [args.cli, "assess", "--rules", str(rules), str(case / "worker.json"), "--format", "json", *extra]
    print("$ " + " ".join(command))
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"{name}: FAIL: cannot run totalis assess: {error}")
        return 1
    if result.returncode != 0:
        print(f"{name}: FAIL: totalis assess exited with {result.returncode}")
        print("--- stdout\n" + result.stdout + "--- stderr\n" + result.stderr)
        return 1
    try:
        report = json.loads(result.stdout, parse_float=Number, parse_int=Number,
                            parse_constant=lambda c: Number(c))
    except json.JSONDecodeError as error:
        print(f"{name}: FAIL: the report is not JSON: {error}")
        print("--- stdout\n" + result.stdout + "--- stderr\n" + result.stderr)
        return 1

    failures = check_report(report, checks, name)
    if failures is None:
        print(result.stdout)
        return 1
    if failures:
        print(f"{name}: FAIL: {failures} of {len(checks)} checks failed")
        return 1
    print(f"{name}: all {len(checks)} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
