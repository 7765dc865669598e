#!/usr/bin/python3
"""Run the 40-career table (careers.json, derived by derive.py) through `totalis assess`.

    check_careers.py --cli build/totalis --rules agreements [--careers tests/rules/us/careers.json]

For each career, the US-OASDI scheme must report the expected monthly benefit as `accrued` and,
in its trace, the expected AIME and PIA. Every mismatch is printed with the career's arithmetic;
the exit status is 1 when any career fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path


def trace_value(scheme: dict, step: str) -> str | None:
    for t in scheme.get("trace", []):
        if t.get("step") == step:
            return t.get("value")
    return None


def career_problems(report: dict, career: dict) -> list[str]:
    """What is wrong in a report (the `--explain` JSON report, read) for one career of careers.json:
    empty when the US-OASDI `accrued` amount and the `aime` and `pia` steps of its trace (and the
    `claim_factor` or `special_minimum_pia` step, where a career expects it) are the expected
    ones. Shared with tests/rules/mutation/mutate.py (reports from the Python module)."""
    us = next((s for s in report.get("schemes", []) if s.get("scheme") == "US-OASDI"), None)
    if us is None:
        return ["no US-OASDI in the report"]
    actual = {"aime": trace_value(us, "aime"), "pia": trace_value(us, "pia"), "benefit": us.get("accrued"),
              "claim_factor": trace_value(us, "claim_factor"),
              "special_minimum_pia": trace_value(us, "special_minimum_pia")}
    # The trace prints exact values (2489.9); the figures compare as decimals.
    return [f"{k}: expected {v}, actual {actual[k]}" for k, v in career["expected"].items()
            if actual[k] is None or Decimal(actual[k]) != Decimal(v)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--careers", default=str(Path(__file__).resolve().parent / "careers.json"))
    args = parser.parse_args()

    careers = json.loads(Path(args.careers).read_text(encoding="utf-8"))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for career in careers:
            path = Path(tmp) / f"{career['id']}.json"
            path.write_text(json.dumps(career["worker"]), encoding="utf-8")
            run = subprocess.run([args.cli, "assess", "--rules", args.rules, str(path), "--format", "json", "--explain"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAIL {career['id']}: totalis exited {run.returncode}: {run.stderr.strip()}")
                failures += 1
                continue
            report = json.loads(run.stdout)
            wrong = career_problems(report, career)
            if wrong:
                failures += 1
                print(f"FAIL {career['id']} ({career['what']}): " + "; ".join(wrong))
                for line in career["arithmetic"]:
                    print(f"    {line}")
            else:
                us = next(s for s in report["schemes"] if s["scheme"] == "US-OASDI")
                print(f"ok   {career['id']}: AIME {trace_value(us, 'aime')}, PIA {trace_value(us, 'pia')}, "
                      f"benefit {us['accrued']}")
    print(f"{len(careers) - failures} of {len(careers)} careers match")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
