#!/usr/bin/env python3
"""Counts the progress of the procedures review (issue 21) from the parts' own marks, for the
summary table of docs/procedures-review.md ("changes done / partly / open").

    python3 tools/review-progress.py          # one line per part, then the total
    python3 tools/review-progress.py --list   # and every item still open or partly done

An item is one numbered entry of a part's "Changes to make" list (its continuation lines
included). It is done when it carries "— done", partly done when it carries "— partly" or
"— hint fixed", and open otherwise.
"""
import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = sorted((ROOT / "docs" / "procedures-review").glob("part-*.md"))
HEADING = re.compile(r"## (\S+) — ")
ITEM = re.compile(r"\s*\d+\. ")


def items(path: Path):
    """(procedure, item text) for each item of the part's change lists."""
    procedure, in_list, current = None, False, None
    for line in path.read_text(encoding="utf-8").split("\n") + [""]:
        ends_item = (
            line.startswith(("#", "|"))
            or not line.strip()
            or ITEM.match(line)
            or line.strip().lower().startswith("changes to make")
        )
        if ends_item and current:
            yield current
            current = None
        if line.startswith("#"):
            heading = HEADING.match(line)
            procedure, in_list = (heading.group(1) if heading else None), False
        elif line.strip().lower().startswith("changes to make"):
            in_list = True
        elif in_list and ITEM.match(line):
            current = (procedure, line.strip())
        elif current and line.startswith("   "):
            current = (current[0], current[1] + " " + line.strip())


def status(text: str) -> str:
    if "— done" in text:
        return "done"
    if "— partly" in text or "— hint fixed" in text:
        return "partly"
    return "open"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the items not done")
    args = parser.parse_args()
    total = {"done": 0, "partly": 0, "open": 0}
    for path in PARTS:
        count = {"done": 0, "partly": 0, "open": 0}
        for procedure, text in items(path):
            mark = status(text)
            count[mark] += 1
            if args.list and mark != "done":
                print(f"  {path.stem} {procedure} [{mark}] {text[:160]}")
        for k in total:
            total[k] += count[k]
        print(f"{path.stem}: {count['done']} / {count['partly']} / {count['open']}")
    print(f"total: {total['done']} / {total['partly']} / {total['open']}")


if __name__ == "__main__":
    main()
