#!/usr/bin/python3
"""Check a scheme's tables of the law (pension ages by cohort, rates by year) one worker a line.

    check_tables.py --cli build/totalis tests/rules/tables/DE-GRV-pension-age

A table folder holds `worker.json`, a worker on the bundled agreements/ (the layout of a worked
case, tests/acceptance/README.md), and `table.txt`, whose every line assesses that worker again
with another birth date and as-of date:

    # the arithmetic and the source of the next figure
    BIRTH_DATE AS_OF SCHEME FIELD VALUE
    WORKER.json BIRTH_DATE AS_OF SCHEME FIELD VALUE

A row may name another worker file of the folder first (a table whose rows need other periods or
another residence, e.g. one worker per agreement). SCHEME FIELD VALUE are checked exactly as a line of a case's expected.txt (run_case.py's
check_report). A worked case has one worker; a table row needs one worker a cohort or a year, and
this reads them from one file. Every check is printed; the exit status is 1 when any fails.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "acceptance"))
import run_case  # noqa: E402  (check_report: how a line of expected.txt is checked)

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_table(path: Path) -> list[tuple[int, str, str, str, str, str, str]]:
    """(line, worker file, birth date, as-of date, scheme, field, value) for every line of table.txt."""
    rows = []
    for number, raw, parts in run_case.content_lines(path):
        if len(parts) == 5:
            parts = ["worker.json", *parts]
        if (len(parts) != 6 or not parts[0].endswith(".json") or "/" in parts[0]
                or not DATE.fullmatch(parts[1]) or not DATE.fullmatch(parts[2])):
            raise ValueError(f"{path}:{number}: expected '[WORKER.json] BIRTH_DATE AS_OF SCHEME FIELD VALUE', "
                             f"got: {raw!r}")
        rows.append((number, *parts))
    if not rows:
        raise ValueError(f"{path}: no rows")
    return rows


def row_worker(template: dict, birth: str, as_of: str, number: int) -> dict:
    worker = copy.deepcopy(template)
    worker["worker"]["birth_date"] = birth
    worker["worker"]["as_of"] = as_of
    worker["worker"]["id"] = f"{worker['worker'].get('id', 'W')}-{number}"
    return worker


def table_rows(folder: Path) -> list[tuple[str, dict, list[tuple[int, str, str, str]]]]:
    """(name, worker, [check]) for every row of a table folder: what a harness assesses and checks."""
    templates: dict[str, dict] = {}
    out = []
    for number, file, birth, as_of, scheme, field, value in parse_table(folder / "table.txt"):
        if file not in templates:
            templates[file] = json.loads((folder / file).read_text(encoding="utf-8"))
        out.append((f"{folder.name}: table.txt:{number}", row_worker(templates[file], birth, as_of, number),
                    [(number, scheme, field, value)]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="the totalis program")
    parser.add_argument("--rules", type=Path, default=Path(__file__).resolve().parents[3] / "agreements")
    parser.add_argument("folder", type=Path, help="the table folder (worker.json, table.txt)")
    args = parser.parse_args()
    try:
        rows = table_rows(args.folder.resolve())
    except (OSError, ValueError) as error:
        print(f"{args.folder.name}: FAIL: {error}")
        return 1
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, worker, checks in rows:
            path = Path(tmp) / "worker.json"
            path.write_text(json.dumps(worker), encoding="utf-8")
            run = subprocess.run([args.cli, "assess", "--rules", str(args.rules), str(path), "--format", "json"],
                                 capture_output=True, text=True, timeout=600)
            if run.returncode != 0:
                failures += 1
                print(f"FAIL {name}: totalis assess exited with {run.returncode}: {run.stderr.strip()}")
                continue
            report = json.loads(run.stdout, parse_float=run_case.Number, parse_int=run_case.Number)
            failed = run_case.check_report(report, checks, name)
            if failed is None or failed:
                failures += 1
    print(f"{args.folder.name}: {len(rows) - failures} of {len(rows)} rows pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
