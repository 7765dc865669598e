#!/usr/bin/python3
"""Whole-population throughput of `totalis batch` against its parse floor (issue #8 (a)-(c)).

    /usr/bin/python3 benchmarks/batch_bench.py --build build-bench --workers 100000 --repeat 3

generates a seeded synthetic population (benchmarks/generate_population), then runs, --repeat
times each and in turn, so the machine's noise falls on all alike:

  floor      csv_floor: the same two CSV files read, split and their dates and amounts parsed,
             one thread, nothing else;
  batch/1    totalis batch --threads 1;
  batch/N    totalis batch --threads N, N the machine's core count;

and prints, per run kind, the median workers/s and periods/s, the median peak resident memory,
and the ratios the issue's targets are stated in (batch/1 over the floor, batch/N over batch/1).

    /usr/bin/python3 benchmarks/batch_bench.py --build build-bench --memory 1000000,10000000

streams each population straight from the generator into `totalis batch` (two generator
processes writing workers.csv and periods.csv into pipes; nothing is stored but the output) and
prints the peak resident memory of the batch for each size: memory must not grow with the input.

    /usr/bin/python3 benchmarks/batch_bench.py --build build-bench --acceptance 1000000

runs one population of that size through `totalis batch --rejects` on all cores and checks what
issue #8 asks of it: the closing line `read N = assessed A + rejected R` is the one the generator
predicts, the rejects are exactly the workers the generator planted, and no rejected worker has an
output row; it exits 1 when any of these fails.

Durations are measured with time.monotonic_ns and peak memory with wait4's rusage of the child;
all printed figures are integers (workers per second, MiB).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent


def run(command: list[str], **kwargs) -> tuple[int, int, int]:
    """Runs `command`; returns (exit code, wall nanoseconds, peak RSS in KiB of the child)."""
    start = time.monotonic_ns()
    child = subprocess.Popen(command, **kwargs)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.monotonic_ns() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, elapsed, usage.ru_maxrss


def generator(args: argparse.Namespace, size: int) -> list[str]:
    """The generate_population command for a population of `size` workers (outputs to add)."""
    return [str(Path(args.build) / "benchmarks/generate_population"), "--workers", str(size), "--seed", str(args.seed),
            "--countries", args.countries, "--invalid-rate", args.invalid_rate]


def batch(args: argparse.Namespace, workers: Path, periods: Path, out: Path, threads: int) -> list[str]:
    """The `totalis batch` command (further options to add)."""
    return [str(Path(args.build) / "totalis"), "batch", "--rules", args.rules, "--workers", str(workers),
            "--periods", str(periods), "--out", str(out), "--threads", str(threads)]


def count_rows(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f) - 1   # less the header


def per_second(count: int, nanoseconds: int) -> int:
    return count * 1_000_000_000 // max(1, nanoseconds)


def throughput(args: argparse.Namespace) -> int:
    build = Path(args.build)
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="totalis-bench-"))
    workers_csv, periods_csv, out = work / "workers.csv", work / "periods.csv", work / "assessments.csv"
    code, _, _ = run(generator(args, args.workers) + ["--workers-out", str(workers_csv), "--periods-out", str(periods_csv)])
    if code != 0:
        sys.exit(f"generate_population failed ({code})")
    workers, periods = count_rows(workers_csv), count_rows(periods_csv)
    print(f"population: {workers} workers, {periods} periods ({periods // max(1, workers)} a worker), seed {args.seed}, "
          f"countries {args.countries}, invalid rate {args.invalid_rate}; cores {cores}")

    kinds = {
        "floor": [str(build / "benchmarks/csv_floor"), str(workers_csv), str(periods_csv)],
        "batch/1": batch(args, workers_csv, periods_csv, out, 1) + ["--allow-rejects"],
        f"batch/{cores}": batch(args, workers_csv, periods_csv, out, cores) + ["--allow-rejects"],
    }
    times: dict[str, list[int]] = {k: [] for k in kinds}
    memory: dict[str, list[int]] = {k: [] for k in kinds}
    for _ in range(args.repeat):
        for kind, command in kinds.items():
            code, elapsed, rss = run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if code != 0:
                sys.exit(f"{kind} failed ({code}): {' '.join(command)}")
            times[kind].append(elapsed)
            memory[kind].append(rss)

    print(f"{'run':10} {'median s':>9} {'workers/s':>10} {'periods/s':>11} {'peak MiB':>9}   (median of {args.repeat})")
    rate = {}
    for kind in kinds:
        t = int(statistics.median(times[kind]))
        rate[kind] = per_second(workers, t)
        print(f"{kind:10} {t / 1e9:9.2f} {rate[kind]:10} {per_second(periods, t):11} "
              f"{int(statistics.median(memory[kind])) // 1024:9}")
    floor, one, all_cores = rate["floor"], rate["batch/1"], rate[f"batch/{cores}"]
    # Ratios in hundredths, printed as decimals: integers only.
    print(f"batch/1 is {one * 100 // max(1, floor) / 100:.2f} of the floor (target: at least 0.5); "
          f"batch/{cores} is {all_cores * 100 // max(1, one) / 100:.2f}x batch/1 (target on 2 cores: at least 1.8)")
    for f in (workers_csv, periods_csv, out):
        f.unlink(missing_ok=True)
    work.rmdir()
    return 0


def memory(args: argparse.Namespace) -> int:
    cores = os.cpu_count() or 1
    print(f"cores {cores}; populations streamed from the generator through pipes; batch --threads {cores}")
    print(f"{'workers':>10} {'seconds':>9} {'workers/s':>10} {'peak MiB':>9}")
    peaks = []
    for size in (int(s) for s in args.memory.split(",")):
        with tempfile.TemporaryDirectory(prefix="totalis-mem-") as work:
            w_fifo, p_fifo, out = Path(work, "workers.csv"), Path(work, "periods.csv"), Path(work, "assessments.csv")
            os.mkfifo(w_fifo)
            os.mkfifo(p_fifo)
            gen = generator(args, size)
            # Two generators with the same seed: one writes workers.csv, the other periods.csv, so each
            # blocks only on its own pipe and the batch reads both as a merge.
            writers = [subprocess.Popen(gen + ["--workers-out", str(w_fifo), "--periods-out", "/dev/null"]),
                       subprocess.Popen(gen + ["--workers-out", "/dev/null", "--periods-out", str(p_fifo)])]
            command = batch(args, w_fifo, p_fifo, out, cores) + ["--allow-rejects"]
            code, elapsed, rss = run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for w in writers:
                w.wait()
            if code != 0:
                sys.exit(f"batch failed ({code}) on {size} workers")
            peaks.append(rss)
            print(f"{size:10} {elapsed / 1e9:9.1f} {per_second(size, elapsed):10} {rss // 1024:9}")
    if len(peaks) > 1:
        print(f"largest peak / smallest peak: {max(peaks) * 100 // min(peaks) / 100:.2f} (target: within 1.10, under 300 MiB)")
    return 0


def acceptance(args: argparse.Namespace) -> int:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="totalis-accept-") as work:
        d = Path(work)
        gen = generator(args, args.acceptance) + [
            "--workers-out", str(d / "workers.csv"), "--periods-out", str(d / "periods.csv"),
            "--invalid-out", str(d / "planted.txt"), "--expect-out", str(d / "expect.txt")]
        if run(gen)[0] != 0:
            sys.exit("generate_population failed")
        command = batch(args, d / "workers.csv", d / "periods.csv", d / "out.csv", cores) + [
            "--rejects", str(d / "rejects.csv"), "--summary", str(d / "summary.csv")]
        with open(d / "stderr.txt", "wb") as err:
            code, elapsed, rss = run(command, stdout=subprocess.DEVNULL, stderr=err)
        closing = (d / "stderr.txt").read_text().strip().splitlines()[-1]
        expected = (d / "expect.txt").read_text().strip()
        planted = set((d / "planted.txt").read_text().split())
        rejected = set()
        with open(d / "rejects.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        for row in rows[1:]:
            rejected.add(row[2])
        assessed = int(closing.split("assessed ")[1].split(" ")[0])
        with open(d / "out.csv", encoding="utf-8") as f:
            next(f)
            in_output = {line.split(",", 1)[0] for line in f}
        checks = [
            (f"exit code {code} (1: workers were rejected, no --allow-rejects)", code == 1),
            (f"closing line '{closing}' is the generator's '{expected}'", closing == expected),
            (f"rejected workers {len(rejected)} are exactly the {len(planted)} planted",
             rejected == planted and len(planted) > 0),
            (f"no rejected worker has an output row ({len(in_output & rejected)})", not (in_output & rejected)),
            # A worker whose periods no encoded scheme reads (Australian employment, the Age Pension
            # reading residence) has no scheme row: its periods are in the summary as unassessed.
            (f"workers with scheme rows {len(in_output)} <= assessed {assessed} "
             f"({assessed - len(in_output)} with unassessed periods only)", len(in_output) <= assessed),
        ]
        print(f"{args.acceptance} workers on {cores} cores in {elapsed / 1e9:.0f} s "
              f"({per_second(args.acceptance, elapsed)} workers/s), peak {rss // 1024} MiB")
        for text, ok in checks:
            print(("ok   " if ok else "FAIL ") + text)
        return 0 if all(ok for _, ok in checks) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build-bench", help="build directory with totalis and benchmarks/")
    parser.add_argument("--rules", default=str(SOURCE / "agreements"))
    parser.add_argument("--workers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--countries", default="US,DE,GB,CA,JP,FR,PH,AU,IN")
    parser.add_argument("--invalid-rate", default="0.01")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory", help="comma-separated population sizes to stream (e.g. 1000000,10000000)")
    parser.add_argument("--acceptance", type=int, help="check one run of this many workers (counts, rejects)")
    args = parser.parse_args()
    if args.acceptance:
        return acceptance(args)
    return memory(args) if args.memory else throughput(args)


if __name__ == "__main__":
    sys.exit(main())
