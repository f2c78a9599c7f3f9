#!/usr/bin/env python3
"""Builds forms/furigana.json: the readings (ふりがな) of the words shown as labels on the
resident form pages, for the optional furigana display (docs/accessibility.md).

    python3 tools/furigana.py          # rewrite forms/furigana.json
    python3 tools/furigana.py --check  # fail if forms/furigana.json is not up to date

Needs MeCab with the IPA dictionary (Debian: apt-get install mecab mecab-ipadic-utf8);
MECAB_DICDIR overrides where the dictionary is. It reads every forms/*/form.json and
forms/cities/*/*/form.json (the cities' own procedures; a catalogue procedure written for
every city as each city that adopts it completes it, from deploy/data/municipalities), takes the
Japanese text of what the pages show with furigana (procedure titles, step titles, question
labels, option labels, group and repeat labels, repeat item names), runs MeCab over it and
writes one dictionary: each word containing kanji → its reading in hiragana. A word with
more than one reading across the labels gets the most frequent one, and the texts that read
it otherwise get an entry for it with its neighbour (その日 → そのひ); OVERRIDES below
corrects what MeCab gets wrong every time. Words MeCab has no reading for are left out and
listed. The output does not depend on the order files are
read in, so running it twice gives the same file.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
OUT = FORMS / "furigana.json"
DICDIR = os.environ.get("MECAB_DICDIR", "/var/lib/mecab/dic/ipadic-utf8")


def is_kanji(ch: str) -> bool:
    """CJK ideographs and the marks read like them (々 repeats, 〆, 〇)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
        or ch in "々〆〇"
    )


def has_kanji(text: str) -> bool:
    return any(is_kanji(c) for c in text)


def hiragana(katakana: str) -> str:
    """MeCab's katakana reading as hiragana (ァ..ヶ shift down; ー and others stay)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in katakana)


def shown_texts(form: dict) -> list[str]:
    """The Japanese side of every text the form pages show with furigana."""
    texts = [form["procedure"]["title"]["ja"]]
    texts += [step["title"]["ja"] for step in form["ui"]["steps"]]

    def field(ui: dict) -> None:
        texts.append(ui["label"]["ja"])
        if "item_label" in ui:
            texts.append(ui["item_label"]["ja"])
        texts.extend(option["ja"] for option in ui.get("options", {}).values())
        for child in ui.get("fields", {}).values():
            field(child)

    for ui in form["ui"]["fields"].values():
        field(ui)
    return texts


MUNICIPALITIES = ROOT / "deploy" / "data" / "municipalities"
PLACEHOLDER = re.compile(r"\{\{([a-z_][a-z0-9_]*)\}\}")


def cities() -> list[tuple[set | None, dict, dict]]:
    """Each municipality file's (adopted catalogue ids or None for all, builtins, parameters)."""
    out = []
    for org_path in sorted(MUNICIPALITIES.glob("*.json")):
        if org_path.name.endswith(".parameters.json"):
            continue
        org = json.loads(org_path.read_text())
        tenant = org["tenant"]
        adopt = org.get("procedures", {}).get("adopt", "all")
        builtins = {
            "city": tenant["name"],
            "city_short": {"ja": tenant["name"]["ja"], "en": tenant["name"]["en"]},
            "authority": tenant.get("authority", {"ja": tenant["name"]["ja"] + "長", "en": ""}),
        }
        par_path = org_path.with_name(org_path.stem + ".parameters.json")
        params = json.loads(par_path.read_text()) if par_path.exists() else {}
        out.append((None if adopt == "all" else set(adopt), builtins, params))
    return out


def completed(form: dict, builtins: dict, params: dict) -> dict:
    """A catalogue procedure written for every city, as one city completes it (the texts
    the Rust `madoguchi_forms::template` fill writes; only what furigana needs)."""
    pid = form["procedure"]["id"]

    def lookup(name: str):
        for table in (params.get("procedures", {}).get(pid, {}), params.get("values", {})):
            if name in table:
                return table[name]["value"]
        return builtins.get(name)

    def text(value, lang):
        if isinstance(value, dict):
            return text(value.get(lang or "ja", value.get("ja", "")), lang)
        return str(value)

    def fill(value, lang=None):
        if isinstance(value, str):
            names = PLACEHOLDER.findall(value)
            if len(names) == 1 and value == "{{%s}}" % names[0] and lookup(names[0]) is not None:
                found = lookup(names[0])
                return found[lang] if isinstance(found, dict) and lang in found else found
            return PLACEHOLDER.sub(lambda m: text(lookup(m.group(1)), lang)
                                   if lookup(m.group(1)) is not None else m.group(0), value)
        if isinstance(value, list):
            return [fill(v, lang) for v in value]
        if isinstance(value, dict):
            return {k: fill(v, k if k in ("ja", "en") else lang) for k, v in value.items()}
        return value

    return fill(form)


def forms_as_shown(path: Path) -> list[dict]:
    """The form of `path` as each city shows it: a template completed for every city that
    adopts it, any other form as it is."""
    with path.open(encoding="utf-8") as f:
        form = json.load(f)
    if "{{" not in json.dumps(form, ensure_ascii=False):
        return [form]
    pid = form["procedure"]["id"]
    return [completed(form, builtins, params)
            for adopt, builtins, params in cities() if adopt is None or pid in adopt]


def mecab(lines: list[str]) -> list[list[tuple[str, list[str]]]]:
    """Tokens (surface, features) of each line."""
    out = subprocess.run(
        ["mecab", "-d", DICDIR],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sentences, tokens = [], []
    for row in out.split("\n"):
        if row == "EOS":
            sentences.append(tokens)
            tokens = []
        elif row:
            surface, _, features = row.partition("\t")
            tokens.append((surface, features.split(",")))
    if len(sentences) != len(lines):
        sys.exit(f"MeCab answered {len(sentences)} lines for {len(lines)}")
    return sentences


def dictionary_version() -> str:
    """What the readings came from, for the file's `_source` (no dates: reproducible)."""
    mecab_version = subprocess.run(["mecab", "--version"], capture_output=True, text=True,
                                   check=False).stdout.strip()
    info = subprocess.run(["mecab", "-d", DICDIR, "-D"], capture_output=True, text=True,
                          check=False).stdout  # `-D` prints, then exits with 1
    fields = dict(line.split(":\t", 1) for line in info.splitlines() if ":\t" in line)
    package = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "mecab-ipadic-utf8"],
                             capture_output=True, text=True, check=False).stdout.strip() \
        if shutil.which("dpkg-query") else ""
    return (f"{mecab_version}, IPA dictionary {package or '(version unknown)'} "
            f"({fields.get('size', '?')} entries, {fields.get('charset', '?')})")


# Readings MeCab gets wrong for the way these labels use a word, every time: "方" after a
# verb or の is a person here (届け出る方, 障害のある方), which IPADIC reads ほう; the
# person nouns of procedures end in 人 read にん (届出人, 相続人), which IPADIC builds as
# じん; 日中 (daytime) is にっちゅう; 斎 of a crematorium's name (白石斎苑) is さい, not the
# given name ひとし. Each entry overrides MeCab for that word everywhere
# (and is added as a word when MeCab splits it). Checked by reading the generated list.
OVERRIDES = {
    "方": "かた",
    "日中": "にっちゅう",
    "斎苑": "さいえん",
    "斎": "さい",
    "保佐人": "ほさにん",
    "保証人": "ほしょうにん",
    "借地人": "しゃくちにん",
    "借家人": "しゃくやにん",
    "同居人": "どうきょにん",
    "名義人": "めいぎにん",
    "届出人": "とどけでにん",
    "相続人": "そうぞくにん",
    "管理人": "かんりにん",
    "補助人": "ほじょにん",
    "選挙人": "せんきょにん",
    # City forms (forms/cities/): 白石市 is しろいし, a fence is さく, a river alone is かわ.
    "白石": "しろいし",
    "柵": "さく",
    "川": "かわ",
}


def reading_of(features: list[str]) -> str | None:
    """The hiragana reading of a token, or None when MeCab has none (unknown words, and
    marks such as 々 whose "reading" is the mark itself)."""
    # IPADIC: part of speech ×4, conjugation ×2, base form, reading, pronunciation.
    if len(features) < 8 or features[7] == "*":
        return None
    reading = hiragana(features[7])
    return None if has_kanji(reading) else reading


def context_key(tokens: list, i: int) -> tuple[str, str] | None:
    """The word at `i` with the word before it (or after it, at the start of a text), and
    that pair's reading: where one word has several readings, the pair says which."""
    for j, before in ((i - 1, True), (i + 1, False)):
        if not 0 <= j < len(tokens):
            continue
        surface, features = tokens[j]
        reading = reading_of(features) if has_kanji(surface) else surface
        if reading is None:
            continue
        own_surface, own_features = tokens[i]
        own = reading_of(own_features)
        if before:
            return surface + own_surface, hiragana(reading) + own
        return own_surface + surface, own + hiragana(reading)
    return None


def longest_matches(text: str, words: dict) -> list[tuple[int, int]]:
    """Where the page's matcher (crates/web/src/furigana.rs) finds words in `text`:
    leftmost, longest first."""
    longest = max(map(len, words))
    found, i = [], 0
    while i < len(text):
        for length in range(min(longest, len(text) - i), 0, -1):
            if text[i:i + length] in words:
                found.append((i, i + length))
                i += length
                break
        else:
            i += 1
    return found


def straddling(lines: list[str], sentences: list, words: dict, pairs: set) -> set:
    """The pairs the matcher finds where they do not start and end at MeCab's word
    boundaries."""
    bad = set()
    for text, tokens in zip(lines, sentences):
        bounds, at = {0}, 0
        for surface, _ in tokens:
            # MeCab skips spaces: find each word where it is in the text.
            at = text.find(surface, at)
            bounds.add(at)
            at += len(surface)
            bounds.add(at)
        for start, end in longest_matches(text, words):
            key = text[start:end]
            if key in pairs and (start not in bounds or end not in bounds):
                bad.add(key)
    return bad


def build() -> dict:
    # The catalogue and every city's own procedures (forms/cities/<code>/<id>/).
    paths = sorted(FORMS.glob("*/form.json")) + sorted(FORMS.glob("cities/*/*/form.json"))
    texts = set()
    for path in paths:
        for form in forms_as_shown(path):
            texts.update(t.replace("\n", " ") for t in shown_texts(form))
    lines = sorted(t for t in texts if has_kanji(t))
    sentences = mecab(lines)
    readings: dict[str, Counter] = defaultdict(Counter)
    unknown: set[str] = set()
    for tokens in sentences:
        for surface, features in tokens:
            if not has_kanji(surface):
                continue
            reading = reading_of(features)
            if reading is None:
                unknown.add(surface)
            else:
                readings[surface][reading] += 1
    words = {}
    for surface in sorted(readings):
        # Most frequent reading; ties go to the first in kana order, so the file is stable.
        words[surface] = min(readings[surface].items(), key=lambda kv: (-kv[1], kv[0]))[0]
    words.update(OVERRIDES)
    # A word read differently in some texts (日: び in 申請日, ひ in 生まれた日, にち in
    # 5日) gets those texts' reading through a longer entry with its neighbour, as long as
    # that pair is read one way only.
    ambiguous = {w for w, counts in readings.items() if len(counts) > 1 and w not in OVERRIDES}
    pairs: dict[str, set] = defaultdict(set)
    for tokens in sentences:
        for i, (surface, features) in enumerate(tokens):
            if surface in ambiguous and reading_of(features) != words[surface]:
                pair = context_key(tokens, i)
                if pair is not None:
                    pairs[pair[0]].add(pair[1])
    # Where the same pair is also read the usual way elsewhere, it says nothing: leave it.
    for tokens in sentences:
        for i, (surface, features) in enumerate(tokens):
            if surface in ambiguous and reading_of(features) == words[surface]:
                pair = context_key(tokens, i)
                if pair is not None and pair[0] in pairs:
                    pairs[pair[0]].add(pair[1])
    context = {key: next(iter(r)) for key, r in pairs.items() if len(r) == 1 and key not in words}
    # Pages match words longest first, without MeCab: a pair must not be picked up where it
    # straddles other words (の家 in の家賃 would leave 賃 bare). Drop those, until none is.
    while True:
        misplaced = straddling(lines, sentences, {**words, **context}, set(context))
        if not misplaced:
            break
        for key in misplaced:
            del context[key]
    words.update(context)
    unknown -= set(words)
    return {
        "_source": {
            "what": "Readings (hiragana) of the words with kanji in the labels of forms/*/form.json "
                    "and forms/cities/*/*/form.json, "
                    "for the optional furigana on resident form pages.",
            "generated_by": "python3 tools/furigana.py (do not edit by hand)",
            "analyser": dictionary_version(),
            "licence": "The readings come from the IPA dictionary (mecab-ipadic), "
                       "Copyright 2000-2003 Nara Institute of Science and Technology; "
                       "its notice is in forms/furigana.LICENSE.",
            "forms": len(paths),
            "texts": len(lines),
            "words": len(words),
            "words_with_several_readings": len(ambiguous),
            "pairs_for_those": len(context),
            "overridden": sorted(OVERRIDES),
            "unknown_words": len(unknown),
            "unknown": sorted(unknown),
        },
        "words": dict(sorted(words.items())),
    }


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="fail when forms/furigana.json differs from what would be written")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT.relative_to(ROOT)} is out of date: run python3 tools/furigana.py")
        return
    OUT.write_text(text, encoding="utf-8")
    source = json.loads(text)["_source"]
    print(f"{OUT.relative_to(ROOT)}: {source['words']} words from {source['texts']} texts "
          f"of {source['forms']} forms; {source['unknown_words']} unknown, "
          f"{source['words_with_several_readings']} with several readings "
          f"({source['pairs_for_those']} pairs with a neighbour say which)")


if __name__ == "__main__":
    main()
