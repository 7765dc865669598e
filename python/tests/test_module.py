"""The totalis module: Rulebook.load, assess (the JSON report as a dict), assess_frame (the batch
columns), ValidationError, and the GIL released while assessing."""

import copy
import datetime
import decimal
import json
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

import totalis
from conftest import PROGRAMS, RULES, SOURCE_DIR, generate_and_batch, read_text

WORKER = json.loads((SOURCE_DIR / "examples" / "worker.json").read_text())


def test_load(rulebook):
    assert rulebook.version.startswith("sha256:")
    assert "DE-GRV" in rulebook.schemes and "US-DE" in rulebook.agreements
    assert rulebook.version in repr(rulebook)


def test_load_errors(tmp_path):
    with pytest.raises(OSError):
        totalis.Rulebook.load(str(tmp_path / "missing"))
    (tmp_path / "XX-BAD.toml").write_text("[scheme\n")
    with pytest.raises(totalis.RulebookError, match="XX-BAD.toml:1"):
        totalis.Rulebook.load(str(tmp_path))


def test_assess_is_the_json_report(rulebook):
    cli = subprocess.run([PROGRAMS["totalis"], "assess", "--rules", RULES, "--format", "json",
                          str(SOURCE_DIR / "examples" / "worker.json")], capture_output=True, text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert rulebook.assess(WORKER) == json.loads(cli.stdout)
    de = next(s for s in rulebook.assess(WORKER)["schemes"] if s["scheme"] == "DE-GRV")
    assert de["accrued"] == "1162.97"


def test_python_values_are_read_exactly(rulebook):
    typed = copy.deepcopy(WORKER)
    typed["worker"]["birth_date"] = datetime.date(1958, 6, 15)
    typed["worker"]["as_of"] = pd.Timestamp("2025-07-01")
    typed["periods"][0]["earnings"] = decimal.Decimal("3.5E+4")
    typed["periods"][1]["credits"] = {"earnings_points": decimal.Decimal("28.5112")}
    assert rulebook.assess(typed) == rulebook.assess(WORKER)


def test_validation_error_names_worker_record_and_field(rulebook):
    bad = copy.deepcopy(WORKER)
    bad["periods"][0]["to"] = "1990-02-30"
    bad["periods"][1]["earnings"] = 61200.5          # a float: refused, amounts are decimal strings
    del bad["periods"][2]["kind"]
    bad["worker"]["residnce"] = "DE"
    with pytest.raises(totalis.ValidationError) as caught:
        rulebook.assess(bad)
    e = caught.value
    assert isinstance(e, ValueError)
    found = {(p.worker, p.record, p.period, p.field) for p in e.problems}
    assert found == {("W-17", "worker", None, "residnce"), ("W-17", "period 1", 0, "to"),
                     ("W-17", "period 2", 1, "earnings"), ("W-17", "period 3", 2, "kind")}
    assert (e.worker, e.record, e.field) == ("W-17", "worker", "residnce")
    assert "W-17 period 1: 'to' 1990-02-30 is not a date" in str(e)
    assert "did you mean 'residence'?" in str(e)


def test_validation_error_from_whole_history_checks(rulebook):
    bad = copy.deepcopy(WORKER)
    bad["periods"][0]["from"] = "1991-06-01"        # after 'to'
    with pytest.raises(totalis.ValidationError) as caught:
        rulebook.assess(bad)
    p = caught.value.problems[0]
    assert (p.worker, p.record, p.period) == ("W-17", "period 1", 0)
    assert p.field in ("from", "to")
    with pytest.raises(totalis.ValidationError, match="'periods' is missing"):
        rulebook.assess({"worker": WORKER["worker"]})
    with pytest.raises(TypeError):
        rulebook.assess([WORKER])


def test_validation_error_pickles(rulebook):
    import pickle
    bad = copy.deepcopy(WORKER)
    bad["periods"][0]["kind"] = "emploied"
    with pytest.raises(totalis.ValidationError) as caught:
        rulebook.assess(bad)
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.problems == caught.value.problems and again.field == "kind"


@pytest.fixture(scope="module")
def small_population(tmp_path_factory):
    return generate_and_batch(tmp_path_factory.mktemp("small"), workers=300, seed=7, invalid_rate="0.06")


def frames(paths):
    options = dict(dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return pd.read_csv(paths["workers"], **options), pd.read_csv(paths["periods"], **options)


def test_assess_frame_equals_batch(rulebook, small_population):
    paths, _, _ = small_population
    workers, periods = frames(paths)
    results, rejects, summary = rulebook.assess_frame(workers, periods, workers_name=paths["workers"],
                                                      periods_name=paths["periods"], summary=True)
    assert len(rejects) > 0 and len(results) > 0
    assert totalis.to_csv(results) == read_text(paths["assessments"])
    assert totalis.to_csv(rejects) == read_text(paths["rejects"])
    assert totalis.to_csv(summary) == read_text(paths["summary"])
    assert list(rejects.columns) == ["file", "line", "worker_id", "reason"]
    assert isinstance(results["accrued"][0], decimal.Decimal)
    assert isinstance(results["annual_lost"][0], decimal.Decimal)
    assert all(isinstance(x, bool) for x in results["qualified_alone"])
    assert not [c for c in results.columns if results[c].dtype.kind == "f"]   # nothing is a float
    two = rulebook.assess_frame(workers, periods)
    assert len(two) == 2 and two[0].equals(results)


def test_summaries_combine(rulebook, small_population):
    paths, _, _ = small_population
    workers, periods = frames(paths)
    first = workers["worker_id"].iloc[150]
    cut = periods.index[periods["worker_id"] == first][0]
    a = rulebook.assess_frame(workers.iloc[:150], periods.iloc[:cut], summary=True)[2]
    b = rulebook.assess_frame(workers.iloc[150:], periods.iloc[cut:], summary=True)[2]
    assert totalis.to_csv(totalis.combine_summaries([a, b])) == read_text(paths["summary"])


def test_assess_frame_typed_columns(rulebook):
    workers = pd.DataFrame({"worker_id": ["A-1"], "birth_date": [datetime.date(1958, 6, 15)],
                            "nationalities": [["US"]], "residence": ["DE"], "as_of": [pd.Timestamp("2025-07-01")]})
    periods = pd.DataFrame({"worker_id": ["A-1", "A-1"], "country": ["US", "DE"],
                            "from": ["1990-01-01", "1996-01-01"], "to": ["1990-12-31", "2024-12-31"],
                            "kind": ["employed", "employed"],
                            "earnings": [decimal.Decimal("35000.00"), None],
                            "credits": [None, {"earnings_points": decimal.Decimal("28.5112")}]})
    results, rejects = rulebook.assess_frame(workers, periods)
    assert rejects.empty
    de = results[results["scheme"] == "DE-GRV"].iloc[0]
    assert de["accrued"] == decimal.Decimal("1162.97") and de["worker_id"] == "A-1"

    with pytest.raises(TypeError, match="float"):
        rulebook.assess_frame(workers, periods.assign(earnings=[35000.0, None]))
    with pytest.raises(totalis.ValidationError, match="unknown column 'birthdate'") as caught:
        rulebook.assess_frame(workers.rename(columns={"birth_date": "birthdate"}), periods)
    assert caught.value.record == "header"


def test_assess_frame_rejects_are_located(rulebook):
    workers = pd.DataFrame({"worker_id": ["A-1", "A-2"], "birth_date": ["1958-06-15", "1960-01-01"],
                            "residence": ["DE", "DE"], "as_of": ["2025-07-01", "2025-07-01"]})
    periods = pd.DataFrame({"worker_id": ["A-1", "A-2"], "country": ["DE", "DE"], "from": ["1996-01-01", "1996-01-01"],
                            "to": ["2024-12-31", "2024-02-30"], "kind": ["employed", "employed"]})
    results, rejects = rulebook.assess_frame(workers, periods, workers_first_line=10, periods_first_line=20)
    assert list(rejects.itertuples(index=False, name=None)) == [
        ("workers", 11, "A-2", "periods:21: A-2 period 1: 'to' 2024-02-30 is not a date")]
    assert set(results["worker_id"]) == {"A-1"}


def test_gil_released_while_assessing(rulebook, small_population):
    """With a switch interval far longer than the call, another thread runs during it only if the
    module releases the GIL itself."""
    workers, periods = frames(small_population[0])
    ticks = 0
    started = threading.Event()
    stop = False

    def count():
        nonlocal ticks
        while not stop:
            ticks += 1
            started.set()
            time.sleep(0.0005)   # lets the GIL go, so the main thread is never starved

    interval = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    thread = threading.Thread(target=count)
    try:
        thread.start()
        started.wait(10)
        before = ticks
        begin = time.monotonic()
        rulebook.assess_frame(workers, periods)
        elapsed = time.monotonic() - begin
        during = ticks - before
    finally:
        stop = True
        thread.join()
        sys.setswitchinterval(interval)
    assert elapsed > 0.05
    assert during >= 10, f"{during} ticks in {elapsed:.2f} s"
