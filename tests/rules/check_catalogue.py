#!/usr/bin/python3
"""Keep agreements/README.md (the catalogue) from drifting from the rule files.

    check_catalogue.py [--agreements DIR] [--catalogue FILE]   check; print each problem, exit 1 on any
    check_catalogue.py --self-test [--agreements DIR]          check that a wrong catalogue fails

Every *.toml under the agreements directory must have exactly one row in the catalogue's table
for its kind (the "## Schemes" or "## Agreements" section), and every row must name a file. In a
row, the id must be the file's `scheme = ` / `agreement = `; the parties (a scheme: its `country`)
must be the file's, in the file's order; an agreement's "in force" cell must give the file's
`in_force` (or say "not encoded" where the file has none) and its `ended`, as
`YYYY-MM-DD` | `not encoded`, optionally followed by `; ended YYYY-MM-DD`; a scheme's depth cell
must begin with the depth the file's `note` declares ("depth A: …", "depth A (formula [2ND]): …"),
followed by " — " and the explanation. The header comment's "# Depth …:" line, where there is
one, must declare the same depth as the note.

Standard library only (tomllib: Python 3.11 or later).
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys
import tomllib

DATE = r"\d{4}-\d{2}-\d{2}"
IN_FORCE_CELL = re.compile(rf"^(not encoded|{DATE})(?:; ended ({DATE}))?$")
NOTE_DEPTH = re.compile(r"^depth ([AB](?: \([^()]*\))?):", re.IGNORECASE)
HEADER_DEPTH = re.compile(r"^#\s*depth ([AB](?: \([^()]*\))?):", re.IGNORECASE)
DEPTH_SEPARATOR = " — "

# The columns each table must have (header text, lower case) and what they hold.
SCHEME_COLUMNS = {"scheme": "id", "file": "file", "country": "parties", "depth": "depth"}
AGREEMENT_COLUMNS = {"agreement": "id", "file": "file", "parties": "parties", "in force": "in_force"}


# --- the rule files -----------------------------------------------------------------------------

def declared_depth(path: pathlib.Path, text: str, data: dict, problems: list[str]) -> str | None:
    """The depth a scheme file declares in its `note`, checked against its header comment."""
    note = data.get("note", "")
    match = NOTE_DEPTH.match(note)
    if not match:
        problems.append(f"{path}: the scheme's note does not begin with its depth "
                        "('depth A: …', 'depth B: …' or 'depth A (qualifier): …')")
        return None
    depth = match.group(1)
    depth = depth[0].upper() + depth[1:]
    for line in text.splitlines():
        if not line.startswith("#"):
            break  # the header comment ends at the first line that is not a comment
        header = HEADER_DEPTH.match(line)
        if header and header.group(1) != depth:
            problems.append(f"{path}: the header declares depth '{header.group(1)}' but the note "
                            f"'{depth}'")
    return depth


def load_files(root: pathlib.Path, problems: list[str]) -> dict[str, dict]:
    """Every rule file under root, keyed by its path relative to root (with '/')."""
    files: dict[str, dict] = {}
    for path in sorted(root.rglob("*.toml")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{path}: not TOML: {error}")
            continue
        if "scheme" in data:
            files[rel] = {"kind": "scheme", "id": data["scheme"], "parties": [data.get("country", "")],
                          "depth": declared_depth(path, text, data, problems)}
        elif "agreement" in data:
            files[rel] = {"kind": "agreement", "id": data["agreement"],
                          "parties": list(data.get("parties", [])),
                          "in_force": data.get("in_force"), "ended": data.get("ended")}
        else:
            problems.append(f"{path}: neither a scheme nor an agreement (no `scheme =` or `agreement =`)")
    return files


# --- the catalogue ------------------------------------------------------------------------------

def split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and cells[0] == "":
        cells = cells[1:]
    if cells and cells[-1] == "":
        cells = cells[:-1]
    return [cell.strip().replace("\\|", "|") for cell in cells]


def parse_tables(text: str) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """The first table under "## Schemes" and under "## Agreements": rows of {column: cell}."""
    tables: dict[str, list[tuple[int, dict[str, str]]]] = {}
    section = None
    header: list[str] | None = None
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("## "):
            title = line[3:].strip().lower()
            section = "scheme" if title == "schemes" else "agreement" if title == "agreements" else None
            header = None
            continue
        if section is None or section in tables and header is None:
            continue
        if not line.lstrip().startswith("|"):
            if header is not None:  # the table has ended
                section, header = None, None
            continue
        cells = split_row(line)
        if header is None:
            header = [cell.lower() for cell in cells]
            tables[section] = []
            continue
        if all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
            continue
        if len(cells) != len(header):
            tables[section].append((number, {"__error__": f"{len(cells)} cells, the header has {len(header)}"}))
            continue
        tables[section].append((number, dict(zip(header, cells))))
    return tables


def cell_code(cell: str) -> str:
    """`X` → X; [`X`](X) → X (the link's target)."""
    link = re.fullmatch(r"\[`?([^`\]]*)`?\]\(([^)]*)\)", cell)
    if link:
        return link.group(2)
    return cell.strip("`").strip()


def check(files: dict[str, dict], catalogue: str, where: str) -> list[str]:
    """Every difference between the rule files and the catalogue's tables."""
    problems: list[str] = []
    tables = parse_tables(catalogue)
    seen: dict[str, str] = {}
    for kind, columns in (("scheme", SCHEME_COLUMNS), ("agreement", AGREEMENT_COLUMNS)):
        if kind not in tables:
            problems.append(f"{where}: no table under '## {kind.capitalize()}s'")
            continue
        for number, row in tables[kind]:
            at = f"{where}:{number}"
            if "__error__" in row:
                problems.append(f"{at}: {row['__error__']}")
                continue
            missing = [name for name in columns if name not in row]
            if missing:
                problems.append(f"{at}: the {kind}s table has no column {', '.join(missing)}")
                continue
            cells = {meaning: row[name] for name, meaning in columns.items()}
            rel = cell_code(cells["file"])
            if rel in seen:
                problems.append(f"{at}: {rel} has a second row (the first at line {seen[rel]})")
                continue
            seen[rel] = str(number)
            file = files.get(rel)
            if file is None:
                problems.append(f"{at}: the row names no rule file: '{rel}'")
                continue
            if file["kind"] != kind:
                problems.append(f"{at}: {rel} is a {file['kind']}, listed among the {kind}s")
                continue
            row_id = cell_code(cells["id"])
            if row_id != file["id"]:
                problems.append(f"{at}: {rel}: id '{row_id}' but the file says '{file['id']}'")
            parties = [party.strip().strip("`") for party in cells["parties"].split(",") if party.strip()]
            if parties != file["parties"]:
                label = "country" if kind == "scheme" else "parties"
                problems.append(f"{at}: {rel}: {label} {', '.join(parties) or '(none)'} but the file says "
                                f"{', '.join(file['parties'])}")
            if kind == "scheme":
                depth = cells["depth"].split(DEPTH_SEPARATOR, 1)[0].strip()
                if file["depth"] is not None and depth != file["depth"]:
                    problems.append(f"{at}: {rel}: depth '{depth}' but the file declares '{file['depth']}'")
            else:
                match = IN_FORCE_CELL.match(cells["in_force"])
                if not match:
                    problems.append(f"{at}: {rel}: in force '{cells['in_force']}' is not 'YYYY-MM-DD' or "
                                    "'not encoded', optionally followed by '; ended YYYY-MM-DD'")
                    continue
                in_force = None if match.group(1) == "not encoded" else match.group(1)
                ended = match.group(2)
                want_in_force = file["in_force"].isoformat() if file["in_force"] else None
                want_ended = file["ended"].isoformat() if file["ended"] else None
                if in_force != want_in_force:
                    problems.append(f"{at}: {rel}: in force {in_force or 'not encoded'} but the file says "
                                    f"{want_in_force or 'nothing (not encoded)'}")
                if ended != want_ended:
                    problems.append(f"{at}: {rel}: ended {ended or '(none)'} but the file says "
                                    f"{want_ended or 'nothing (not ended)'}")
    for rel, file in sorted(files.items()):
        if rel not in seen:
            problems.append(f"{where}: {rel} ({file['id']}) has no row in the {file['kind']}s table")
    return problems


# --- the self-test ------------------------------------------------------------------------------

def mutate_cell(catalogue: str, kind: str, column: str, change) -> tuple[str, str]:
    """The catalogue with one cell of the first row of a table changed, and that row's file."""
    tables = parse_tables(catalogue)
    number, row = tables[kind][0]
    lines = catalogue.splitlines(keepends=True)
    cells = split_row(lines[number - 1])
    header = list(row.keys())
    index = header.index(column)
    cells[index] = change(cells[index])
    lines[number - 1] = "| " + " | ".join(cells) + " |\n"
    return "".join(lines), cell_code(row["file"])


def self_test(files: dict[str, dict], catalogue: str, where: str) -> list[str]:
    """A wrong party, id, date, depth, a missing row and a row for no file must each be caught."""
    failures: list[str] = []
    baseline = check(files, catalogue, where)
    if baseline:
        failures.append("the catalogue itself does not pass:\n  " + "\n  ".join(baseline))

    def expect(name: str, text: str, pattern: str) -> None:
        problems = check(files, text, where)
        if not any(re.search(pattern, problem) for problem in problems):
            failures.append(f"{name}: not caught (expected a problem matching '{pattern}', got "
                            f"{problems or 'none'})")

    def wrong_party(cell: str) -> str:
        parties = [party.strip() for party in cell.split(",")]
        parties[-1] = "ZZ"
        return ", ".join(parties)

    text, rel = mutate_cell(catalogue, "agreement", "parties", wrong_party)
    expect("a wrong party", text, rf"{re.escape(rel)}: parties .*ZZ but the file says")
    text, rel = mutate_cell(catalogue, "scheme", "country", lambda cell: "ZZ")
    expect("a wrong country", text, rf"{re.escape(rel)}: country ZZ but the file says")
    text, rel = mutate_cell(catalogue, "agreement", "agreement", lambda cell: "`XX-YY`")
    expect("a wrong id", text, rf"{re.escape(rel)}: id 'XX-YY'")
    text, rel = mutate_cell(catalogue, "agreement", "in force", lambda cell: "1900-01-01; ended 1901-01-01")
    expect("a wrong in-force date", text, rf"{re.escape(rel)}: in force 1900-01-01")
    expect("a wrong ended date", text, rf"{re.escape(rel)}: ended 1901-01-01")
    text, rel = mutate_cell(catalogue, "scheme", "depth",
                            lambda cell: ("B" if cell.startswith("A") else "A") + DEPTH_SEPARATOR + "x")
    expect("a wrong depth", text, rf"{re.escape(rel)}: depth '[AB]' but the file declares")
    text, rel = mutate_cell(catalogue, "scheme", "file",
                            lambda cell: "[`schemes/XX-NONE.toml`](schemes/XX-NONE.toml)")
    expect("a row for no file", text, r"the row names no rule file: 'schemes/XX-NONE.toml'")
    expect("a file without a row", text, rf"{re.escape(rel)} \(.*\) has no row in the schemes table")
    return failures


def main() -> int:
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=pathlib.Path, default=here.parent.parent / "agreements")
    parser.add_argument("--catalogue", type=pathlib.Path, help="default: README.md in --agreements")
    parser.add_argument("--self-test", action="store_true",
                        help="check that a catalogue with a wrong party, id, date or depth, a missing row "
                             "or a row for no file fails")
    args = parser.parse_args()
    catalogue_path = args.catalogue or args.agreements / "README.md"
    problems: list[str] = []
    files = load_files(args.agreements, problems)
    try:
        catalogue = catalogue_path.read_text(encoding="utf-8")
    except OSError as error:
        print(f"{catalogue_path}: cannot be read: {error}", file=sys.stderr)
        return 1
    if args.self_test:
        failures = problems + self_test(files, catalogue, str(catalogue_path))
        for failure in failures:
            print(f"self-test: {failure}")
        print(f"self-test: {'FAILED' if failures else 'every wrong catalogue was caught'}")
        return 1 if failures else 0
    problems += check(files, catalogue, str(catalogue_path))
    for problem in problems:
        print(problem)
    schemes = sum(1 for file in files.values() if file["kind"] == "scheme")
    print(f"{schemes} schemes, {len(files) - schemes} agreements, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
