#!/usr/bin/env python3
"""Marks the person-name fields (and their katakana readings) of the procedures a foreign
resident files with `"latin_name": true` (docs/forms.md, "Names in the Latin alphabet").

    python3 tools/latin-names.py           # list what would be marked
    python3 tools/latin-names.py --write   # mark it in forms/*/form.json

The resident register records a foreign resident's name in the Latin alphabet, so the
procedures about a resident's own records, certificates, benefits and insurance take it.
Names of businesses and their representatives, doctors, care managers and 戸籍 entries
(筆頭者: Japanese nationals only) are left alone. The text is edited in place (one line
added per field), so the rest of each file keeps its formatting.
"""

import glob
import json
import re
import sys

CATEGORIES = {
    "resident-records", "certificates", "child-care", "health-insurance", "pension",
    "welfare", "elderly-care", "disability", "education", "housing-building",
}
NAME = re.compile(r"(^|_)name(_kana)?$")
NOT_A_PERSON = re.compile(
    r"(school|facility|dog|employer|corporate|office|event|item|group|road|vehicle|insurer|"
    r"location|bank|business|clinic|institution|hittosha|physician|doctor|care_manager|"
    r"representative|contact)"
)


def person_names(form: dict) -> list[list[str]]:
    """Paths in `ui.fields` (top-level name, then child names) of person-name fields."""
    defs = form["schema"].get("$defs", {})

    def resolve(s: dict) -> tuple[dict, str | None]:
        if isinstance(s, dict) and "$ref" in s:
            name = s["$ref"].split("/")[-1]
            return defs.get(name, {}), name
        return s, None

    found = []

    def walk(schema: dict, ui: dict, path: list[str]) -> None:
        schema, _ = resolve(schema)
        for key, sub in schema.get("properties", {}).items():
            sub, ref = resolve(sub)
            field_ui = ui.get(key, {})
            label = field_ui.get("label", {}).get("ja", "")
            if sub.get("type") == "string" and "enum" not in sub:
                named = NAME.search(key) or ref in ("name", "kana")
                if named and not NOT_A_PERSON.search(key) and "名称" not in label and "法人" not in label:
                    found.append(path + [key])
            if sub.get("type") == "object":
                walk(sub, field_ui.get("fields", {}), path + [key])
            if sub.get("type") == "array" and isinstance(sub.get("items"), dict):
                walk(sub["items"], field_ui.get("fields", {}), path + [key])

    walk(form["schema"], form["ui"]["fields"], [])
    return found


def mark(text: str, path: list[str]) -> str:
    """Adds `"latin_name": true` as the first key of the field's ui object."""
    at = text.index('"ui"')
    for key in path:
        at = re.compile(r'"fields"\s*:\s*\{').search(text, at).end()
        at = re.compile(f'"{key}"' + r"\s*:\s*\{").search(text, at).end() - 1
    line_end = text.index("\n", at)
    if text[at + 1 : line_end].strip():
        return text[: at + 1] + '"latin_name": true, ' + text[at + 1 :]
    next_line = text[line_end + 1 :]
    indent = next_line[: len(next_line) - len(next_line.lstrip(" "))]
    return text[: line_end + 1] + f'{indent}"latin_name": true,\n' + text[line_end + 1 :]


def main() -> int:
    write = "--write" in sys.argv
    total = 0
    for path in sorted(glob.glob("forms/*/form.json")):
        text = open(path, encoding="utf-8").read()
        form = json.loads(text)
        if form["procedure"]["category"] not in CATEGORIES:
            continue
        names = person_names(form)
        todo = []
        for fields in names:
            ui = form["ui"]["fields"][fields[0]]
            for child in fields[1:]:
                ui = ui["fields"][child]
            if not ui.get("latin_name"):
                todo.append(fields)
        for fields in todo:
            text = mark(text, fields)
        check = json.loads(text)
        for fields in todo:
            ui = check["ui"]["fields"][fields[0]]
            for child in fields[1:]:
                ui = ui["fields"][child]
            assert ui.get("latin_name") is True, (path, fields)
        assert text.count('"latin_name"') == len(names), (path, "a field marked twice or wrongly")
        total += len(todo)
        if todo:
            print(form["procedure"]["id"], ", ".join("/".join(f) for f in todo))
        if write and todo:
            open(path, "w", encoding="utf-8").write(text)
    print(f"{total} fields", "marked" if write else "to mark")
    return 0


if __name__ == "__main__":
    sys.exit(main())
