"""examples/dask_batch.py on a real Dask cluster: a scheduler and two worker processes on
127.0.0.1, a generated population of 2,000 workers, and the combined output byte-identical to the
single-process `totalis batch` on the same files."""

import importlib.util
import os
import sys

import pytest
from dask.distributed import Client, LocalCluster

from conftest import RULES, SOURCE_DIR, generate_and_batch, read_text


def load_example():
    spec = importlib.util.spec_from_file_location("dask_batch", SOURCE_DIR / "examples" / "dask_batch.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_partition_cuts_only_between_clean_groups():
    import pandas as pd
    dask_batch = load_example()
    workers = pd.DataFrame({"worker_id": ["W-1", "W-2", "W-3", "W-4", "W-5"]})
    # W-3's group swapped with W-4's, a stray X-9 before W-5: no cut inside the swap
    periods = pd.DataFrame({"worker_id": ["W-1", "W-2", "W-4", "W-3", "X-9", "W-5"]})
    parts = dask_batch.partition(workers, periods, 5)
    assert parts[0][0] == 0 and parts[-1][1] == 5 and parts[-1][3] == 6
    cuts = {(w0, p0) for w0, _, p0, _ in parts}
    assert (3, 3) not in cuts and (3, 2) not in cuts
    assert (4, 4) in cuts                     # W-5 starts after the stray group joins it
    assert all(a[1] == b[0] and a[3] == b[2] for a, b in zip(parts, parts[1:]))


# Debian 12's distributed starts its event loop through tornado's deprecated make_current: their
# warning, not this project's.
@pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")
def test_dask_cluster_output_equals_batch(tmp_path):
    paths, expect, _ = generate_and_batch(tmp_path / "population", workers=2000, seed=2025, invalid_rate="0.03")
    dask_batch = load_example()
    out_dir = str(tmp_path / "dask")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      scheduler_port=0, worker_dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        with Client(cluster, timeout=60) as client:
            outcome = dask_batch.run(client, RULES, paths["workers"], paths["periods"], out_dir, partitions=12,
                                     timeout=600)
            loads = client.run(lambda dask_worker: dask_worker.plugins[dask_batch.PLUGIN_NAME].loads)
            worker_pids = set(client.run(os.getpid).values())

    assert f"read {outcome['assessed'] + outcome['rejected']} = assessed {outcome['assessed']} + " \
           f"rejected {outcome['rejected']}" == expect
    assert outcome["rejected"] > 0
    # two separate worker processes did the work, each loading the rulebook once
    task_pids = {r["pid"] for r in outcome["reports"]}
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
    assert task_pids <= worker_pids and len(task_pids) == 2
    assert sorted(loads.values()) == [1, 1]
    assert len(outcome["reports"]) > 2
    for name in ("assessments", "rejects", "summary"):
        assert read_text(os.path.join(out_dir, name + ".csv")) == read_text(paths[name]), name
