#!/usr/bin/python3
"""A population assessed on a Dask distributed cluster, with the same output as `totalis batch`.

    /usr/bin/python3 examples/dask_batch.py --rules agreements --workers workers.csv \\
        --periods periods.csv --out-dir results [--scheduler tcp://10.0.0.5:8786 | --local-workers 2] \\
        [--partitions 16]

workers.csv and periods.csv are the batch CSV files (README, "Whole populations"). The population
is cut into partitions of consecutive workers, each with its periods; every Dask worker process
loads the rulebook once (a worker plugin) and assesses the partitions it is given with
`Rulebook.assess_frame`, writing each partition's results, rejects and gap summary under
OUT_DIR/parts/. The driver then combines them into OUT_DIR/assessments.csv, rejects.csv and
summary.csv: the same bytes `totalis batch --out ... --rejects ... --summary ...` writes for the
same files, whatever the number of partitions or workers.

Without --scheduler a local cluster of --local-workers processes (one thread each) is started on
127.0.0.1. With --scheduler, every worker must be able to import `totalis` and read --rules and
--out-dir at the same paths (a shared file system).
"""

import argparse
import bisect
import os
import sys
import time

import cloudpickle
import pandas as pd
from dask.distributed import Client, LocalCluster, WorkerPlugin, get_worker

import totalis

PLUGIN_NAME = "totalis-rulebook"

if __name__ != "__main__":
    # Imported (by a test or another driver) rather than run: ship this module's functions to the
    # workers by value, so they need not find this file on their own path.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])


class RulebookPlugin(WorkerPlugin):
    """Loads the rulebook once per worker process, when the process joins the cluster."""

    name = PLUGIN_NAME

    def __init__(self, rules):
        self.rules = os.path.abspath(rules)
        self.rulebook = None
        self.loads = 0

    def setup(self, worker):
        self.rulebook = totalis.Rulebook.load(self.rules)
        self.loads += 1


def read_population(workers_path, periods_path):
    """The two CSV files as DataFrames of text, exactly as written (empty fields stay empty)."""
    options = dict(dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig")
    return pd.read_csv(workers_path, **options), pd.read_csv(periods_path, **options)


def partition(workers, periods, count):
    """Cuts the population into at most `count` parts of consecutive workers, each with its periods:
    [(first worker, end worker, first period row, end period row)]. A cut is made only where every
    period row before it names an earlier worker and every one after it a later worker (rows naming
    no listed worker stay where they are), so each part reads exactly as it does in the whole file
    and the rejects say the same."""
    n, m = len(workers), len(periods)
    place = {}
    for i, worker_id in enumerate(workers["worker_id"]):
        place.setdefault(worker_id, i)
    rows = [place.get(worker_id, -1) for worker_id in periods["worker_id"]]
    prefix_max = [-1] * (m + 1)  # the latest worker named by rows[:r]
    for r in range(m):
        prefix_max[r + 1] = max(prefix_max[r], rows[r])
    suffix_min = [n] * (m + 1)  # the earliest worker named by rows[r:] (unlisted ones ignored)
    for r in range(m - 1, -1, -1):
        suffix_min[r] = min(suffix_min[r + 1], rows[r] if rows[r] >= 0 else n)

    cuts = [(0, 0)]
    for k in range(1, max(1, count)):
        j = max(k * n // count, cuts[-1][0] + 1)
        while j < n:
            r = bisect.bisect_left(suffix_min, j)  # the first row from which only workers >= j follow
            if prefix_max[r] < j:
                cuts.append((j, r))
                break
            j += 1
    cuts.append((n, m))
    return [(w0, w1, p0, p1) for (w0, p0), (w1, p1) in zip(cuts, cuts[1:]) if w1 > w0 or p1 > p0]


def assess_partition(number, workers, periods, workers_name, periods_name, first_worker_row, first_period_row,
                     parts_dir):
    """One partition, on a Dask worker: assessed with the process's rulebook, written under parts_dir."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    results, rejects, summary = plugin.rulebook.assess_frame(
        workers, periods, workers_name=workers_name, periods_name=periods_name,
        workers_first_line=first_worker_row + 2, periods_first_line=first_period_row + 2, summary=True)
    for name, frame in (("assessments", results), ("rejects", rejects), ("summary", summary)):
        path = os.path.join(parts_dir, f"{name}-{number:05d}.csv")
        with open(path + ".partial", "w", encoding="utf-8", newline="") as f:
            f.write(totalis.to_csv(frame))
        os.replace(path + ".partial", path)
    rejected_workers = len(set(rejects.loc[rejects["file"] == workers_name, "line"]))
    rejected = len(set(zip(rejects["file"], rejects["line"])))
    return {"number": number, "summary": summary, "assessed": len(workers) - rejected_workers,
            "rejected": rejected, "pid": os.getpid(), "rulebook_loads": plugin.loads}


def run(client, rules, workers_path, periods_path, out_dir, partitions=16, timeout=None):
    """Assesses the population on `client`'s cluster and writes OUT_DIR/assessments.csv, rejects.csv
    and summary.csv. Returns the counts, the partition reports and the seconds taken."""
    start = time.monotonic()
    parts_dir = os.path.join(out_dir, "parts")
    os.makedirs(parts_dir, exist_ok=True)
    client.register_worker_plugin(RulebookPlugin(rules), name=PLUGIN_NAME)
    workers, periods = read_population(workers_path, periods_path)
    futures = [
        client.submit(assess_partition, number, workers.iloc[w0:w1], periods.iloc[p0:p1], workers_path, periods_path,
                      w0, p0, parts_dir, pure=False)
        for number, (w0, w1, p0, p1) in enumerate(partition(workers, periods, partitions))
    ]
    reports = [f.result(timeout=timeout) for f in futures]

    def combine(name):
        with open(os.path.join(out_dir, name + ".csv.partial"), "w", encoding="utf-8", newline="") as out:
            for report in reports:
                with open(os.path.join(parts_dir, f"{name}-{report['number']:05d}.csv"), encoding="utf-8",
                          newline="") as part:
                    header = part.readline()
                    if report["number"] == 0:
                        out.write(header)
                    out.write(part.read())

    combine("assessments")
    combine("rejects")
    with open(os.path.join(out_dir, "summary.csv.partial"), "w", encoding="utf-8", newline="") as out:
        out.write(totalis.to_csv(totalis.combine_summaries(r["summary"] for r in reports)))
    for name in ("rejects", "summary", "assessments"):  # the assessments last: complete means complete
        os.replace(os.path.join(out_dir, name + ".csv.partial"), os.path.join(out_dir, name + ".csv"))
    assessed = sum(r["assessed"] for r in reports)
    rejected = sum(r["rejected"] for r in reports)
    return {"assessed": assessed, "rejected": rejected, "reports": reports, "seconds": time.monotonic() - start}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rules", default="agreements")
    parser.add_argument("--workers", required=True, help="workers.csv")
    parser.add_argument("--periods", required=True, help="periods.csv, in the worker order of workers.csv")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--partitions", type=int, default=16)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--local-workers", type=int, default=2, help="worker processes of a local cluster")
    args = parser.parse_args(argv)

    if args.scheduler:
        with Client(args.scheduler) as client:
            outcome = run(client, args.rules, args.workers, args.periods, args.out_dir, args.partitions)
    else:
        with LocalCluster(n_workers=args.local_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            outcome = run(client, args.rules, args.workers, args.periods, args.out_dir, args.partitions)
    read = outcome["assessed"] + outcome["rejected"]
    rate = read / outcome["seconds"] if outcome["seconds"] > 0 else 0
    print(f"read {read} = assessed {outcome['assessed']} + rejected {outcome['rejected']}"
          f" in {outcome['seconds']:.1f} s ({rate:.0f} workers/s, {len(outcome['reports'])} partitions)",
          file=sys.stderr)
    return 1 if outcome["rejected"] else 0


if __name__ == "__main__":
    sys.exit(main())
