#!/usr/bin/env python3
"""Marks the applicant's own questions with their meaning (`"meaning": "applicant.name"`…,
docs/forms.md, "Field meanings"), so a signed-in resident's known answers fill them in.

    python3 tools/field-meanings.py           # list what would be marked
    python3 tools/field-meanings.py --write   # mark it in forms/*/form.json and the city folders

Only the person who files is marked: the questions under the prefix of the form's
`applicant_name_field` when that person is the one filing (applicant, claimant, notifier,
guardian, householder, dog owner, tenant, the expectant mother, or a form that asks plain
`name`). A child's, a deceased person's, an insured person's whom an agent may file for,
a spouse's, a business's or an agent's questions are left alone. A field is marked only
when its kind can hold the meaning (the lint checks it again). The text is edited in place
(one key added per field), so the rest of each file keeps its formatting.
"""

import glob
import json
import re
import sys

# Prefixes of the person filing, by the form's `applicant_name_field`.
FILER = {"applicant_", "", "claimant_", "notifier_", "guardian_", "householder_", "tenant_",
         "pregnant_"}
# Dog owners file their own dog's registration; an "owner" elsewhere may be a business.
DOG_OWNER_FORMS = re.compile(r"^inu-")

MEANINGS = [
    ("name", "applicant.name"),
    ("name_kana", "applicant.name_kana"),
    ("birth_date", "applicant.birth_date"),
    ("postal_code", "applicant.postal_code"),
    ("address", "applicant.address"),
    ("phone", "applicant.phone"),
    ("email", "applicant.email"),
]
ADDRESS_PARTS = {"prefecture", "city", "town", "block", "building"}


def resolve(form: dict, s: dict) -> tuple[dict, str | None]:
    if isinstance(s, dict) and "$ref" in s:
        name = s["$ref"].split("/")[-1]
        return form["schema"].get("$defs", {}).get(name, {}), name
    return s, None


def fits(form: dict, what: str, schema: dict) -> bool:
    s, ref = resolve(form, schema)
    fmt = s.get("format")
    if what == "name":
        return s.get("type") == "string" and fmt is None and "enum" not in s and ref != "org_name"
    if what == "name_kana":
        return fmt == "katakana"
    if what == "birth_date":
        return fmt == "date"
    if what == "postal_code":
        return fmt == "jp-postal-code"
    if what == "address":
        return s.get("type") == "object" and ADDRESS_PARTS <= set(s.get("properties", {}))
    if what == "phone":
        return fmt == "jp-phone"
    if what == "email":
        return fmt == "email"
    return False


def filer_prefix(form: dict) -> str | None:
    field = form["procedure"].get("applicant_name_field", "").lstrip("/")
    if not field.endswith("name"):
        return None
    prefix = field[: -len("name")]
    props = form["schema"].get("properties", {})
    if "applicant_type" in props:
        return None  # the applicant may be a business
    if prefix == "owner_" and DOG_OWNER_FORMS.match(form["procedure"]["id"]):
        return prefix
    return prefix if prefix in FILER else None


def meanings(form: dict) -> list[tuple[str, str]]:
    """(top-level field, meaning) pairs for the person filing."""
    prefix = filer_prefix(form)
    if prefix is None:
        return []
    props = form["schema"].get("properties", {})
    found = []
    for what, meaning in MEANINGS:
        candidates = [prefix + what]
        if what in ("phone", "email"):
            candidates.append("contact_" + what)  # the filer's contact, when not asked apart
        for name in candidates:
            if name in props and name in form["ui"]["fields"] and fits(form, what, props[name]):
                found.append((name, meaning))
                break
    return found


def top_level_key(text: str, start: int, field: str) -> int:
    """The index of `{` opening `field`'s value among the keys of the object at `start`."""
    depth, i, in_string = 0, start, False
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            if depth == 1:
                m = re.compile(r'"((?:[^"\\]|\\.)*)"\s*:\s*').match(text, i)
                if m and m.group(1) == field:
                    return m.end()
            in_string = True
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                break
        i += 1
    raise KeyError(field)


def mark(text: str, field: str, meaning: str) -> str:
    """Adds `"meaning": …` as the first key of the top-level field's ui object."""
    at = text.index('"ui"')
    at = re.compile(r'"fields"\s*:\s*\{').search(text, at).end() - 1
    at = top_level_key(text, at, field)
    assert text[at] == "{", (field, text[at : at + 20])
    line_end = text.index("\n", at)
    entry = f'"meaning": "{meaning}"'
    if text[at + 1 : line_end].strip():
        return text[: at + 1] + entry + ", " + text[at + 1 :]
    next_line = text[line_end + 1 :]
    indent = next_line[: len(next_line) - len(next_line.lstrip(" "))]
    return text[: line_end + 1] + f"{indent}{entry},\n" + text[line_end + 1 :]


def main() -> int:
    write = "--write" in sys.argv
    total = 0
    paths = sorted(glob.glob("forms/*/form.json")) + sorted(glob.glob("forms/cities/*/*/form.json"))
    for path in paths:
        text = open(path, encoding="utf-8").read()
        form = json.loads(text)
        wanted = meanings(form)
        todo = [(f, m) for f, m in wanted if form["ui"]["fields"][f].get("meaning") != m]
        for field, meaning in todo:
            assert "meaning" not in form["ui"]["fields"][field], (path, field, "another meaning")
            text = mark(text, field, meaning)
        check = json.loads(text)
        for field, meaning in wanted:
            assert check["ui"]["fields"][field].get("meaning") == meaning, (path, field)
        assert text.count('"meaning"') == len(wanted), (path, "a field marked twice or wrongly")
        total += len(todo)
        if todo:
            print(path, ", ".join(f"{f}={m}" for f, m in todo))
        if write and todo:
            open(path, "w", encoding="utf-8").write(text)
    print(f"{total} fields", "marked" if write else "to mark")
    return 0


if __name__ == "__main__":
    sys.exit(main())
