#!/usr/bin/env python3
"""The Chinese edition: the English notebooks, with their prose translated in a gettext catalog.

    python scripts/translate.py update       # after the English prose changed (make translations)
    python scripts/translate.py check        # untranslated, stale or out-of-date: listed, exit 1
    python scripts/translate.py source DIR   # the Chinese book's sources (make book)

The catalog, locales/zh_CN/LC_MESSAGES/chapters.po, has one entry per block of English markdown (a
heading, a paragraph, a list item, a table, an admonition's first line), its msgid the block
verbatim. When the English changes, `update` carries the old translation over marked fuzzy, with
the old English as its `#| msgid` (as msgmerge does), and rewrites the Chinese notebooks
(zh_CN/chapters/*.ipynb, what the Chinese pages' Colab badge opens): each English notebook with its
markdown translated and every code cell, output and figure its own. Untranslated and fuzzy blocks
stay English there, as gettext does, and tests/test_translations.py fails until a translator fixes
the entry and removes its fuzzy flag.

`source` writes the Chinese book's sources from the notebooks `make book` has just executed
(_build/jupyter_execute/chapters/), so that both editions show the outputs of one run.
"""

from __future__ import annotations

import copy
import difflib
import re
import sys
from pathlib import Path

import nbformat
import polib
import yaml
from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE = "zh_CN"
CATALOG = ROOT / "locales" / LANGUAGE / "LC_MESSAGES" / "chapters.po"
EXECUTED = ROOT / "_build" / "jupyter_execute"  # where Jupyter Book writes the notebooks it ran
TITLE = "_config.yml title"  # the msgctxt of the book's title

FENCE = re.compile(r"(`{3,}|~{3,})\s*(\S*)")
NEW_BLOCK = re.compile(r"`{3,}|~{3,}|:{3,}|#{1,6} |\||(?:[-*+]|\d+[.)]) ")  # even with no blank line before
OPTION = re.compile(r":[\w-]+:")
CODE = re.compile(r"`[^`]+`")
TARGET = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>\s]+)>")
PREFIX = re.compile(r"#{1,6} |(?:[-*+]|\d+[.)]) |:{3,}\{[^}]*\}")
COLAB = re.compile(r"(colab\.research\.google\.com/github/[^/\s]+/[^/\s]+/blob/[^/\s]+/)(?=chapters/)")
GLOSSARY_LINE = re.compile(r"^ *- (.+?): (.+?)(?: +\(not: (.+)\))?$")
WIDE = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"  # CJK ideographs and full-width punctuation
# A line break inside a paragraph next to a Chinese character: browsers show it as a space.
WIDE_BREAK = re.compile(rf"[{WIDE}]\n[ \t]*(?![-*+] |\d+[.)] |:{{1,3}}|`{{3}}|\||#)\S|\n[ \t]*[{WIDE}]")


def blocks(text: str) -> list[tuple[int, int, bool]]:
    """A markdown cell's blocks, as line ranges [start, end) and whether each has words to translate:
    headings, paragraphs, list items, tables, fenced blocks (only ```text ones are prose) and
    directive lines (an admonition's title; its closing ::: has no words). Blank lines are in none."""
    lines, found, i = text.split("\n"), [], 0
    while i < len(lines):
        start, line = i, lines[i]
        i += 1
        if not line.strip():
            continue
        fence = FENCE.match(line)
        if fence:
            while i < len(lines) and not lines[i].startswith(fence.group(1)):
                i += 1
            i = min(i + 1, len(lines))
            found.append((start, i, fence.group(2) == "text"))
            continue
        if line.startswith(":::"):
            while i < len(lines) and OPTION.match(lines[i]):
                i += 1
        elif line.startswith("|"):
            while i < len(lines) and lines[i].startswith("|"):
                i += 1
        elif not re.match(r"#{1,6} ", line):
            while i < len(lines) and lines[i].strip() and not NEW_BLOCK.match(lines[i]):
                i += 1
        found.append((start, i, has_words("\n".join(lines[start:i]))))
    return found


def has_words(block: str) -> bool:
    text = re.sub(r"^:{3,}(\{[^}]*\})?|^:[\w-]+:.*$", "", block, flags=re.M)
    return bool(re.search(r"[A-Za-z]{2}", CODE.sub("", TARGET.sub("", text))))


def prose(text: str) -> list[str]:
    """The blocks of a markdown cell that a translator translates."""
    lines = text.split("\n")
    return ["\n".join(lines[a:b]) for a, b, words in blocks(text) if words]


def translate(text: str, catalog: polib.POFile) -> str:
    """A markdown cell in the catalog's language: each block's translation, or the English block
    where the entry is missing, empty or fuzzy; Colab links open the translated notebook."""
    lines, out, last = text.split("\n"), [], 0
    for start, end, words in blocks(text):
        block = "\n".join(lines[start:end])
        entry = catalog.find(block, msgctxt=None) if words else None
        out += lines[last:start] + [entry.msgstr if entry and entry.msgstr and not entry.fuzzy else block]
        last = end
    return COLAB.sub(lambda m: m.group(1) + LANGUAGE + "/", "\n".join(out + lines[last:]))


def translated(notebook, catalog: polib.POFile, static: str = "../_static/"):
    """A copy of the notebook with its markdown translated; everything else is the English one's."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = translate(cell.source, catalog).replace("](../_static/", "](" + static)
    return notebook


def chapters() -> list[str]:
    """The book's pages, in the order of the table of contents: "chapters/intro", ..."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [entry["file"] for entry in toc.get("chapters", [])]


def read(path: Path):
    return nbformat.read(path, as_version=4)


def template() -> list[polib.POEntry]:
    """One entry per block of English prose (a block that recurs is one entry), in reading order."""
    entries: dict[str, polib.POEntry] = {}
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    title = polib.POEntry(msgctxt=TITLE, msgid=config["title"], occurrences=[("_config.yml", "")])
    for page in chapters():
        for index, cell in enumerate(read(ROOT / f"{page}.ipynb").cells):
            if cell.cell_type == "markdown":
                for block in prose(cell.source):
                    entry = entries.setdefault(block, polib.POEntry(msgid=block))
                    entry.occurrences.append((f"{page}.ipynb", str(index)))
    return [title] + list(entries.values())


def load(path: Path = CATALOG) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=100)


def merge(catalog: polib.POFile, entries: list[polib.POEntry]) -> list[str]:
    """The catalog brought up to the English (msgmerge's rules): an entry whose English is unchanged
    keeps its translation; a changed block gets the translation of the closest vanished block,
    marked fuzzy, with that block's English as previous msgid; vanished blocks are dropped.
    Returns what changed, in words."""
    old = {(e.msgctxt, e.msgid): e for e in catalog}
    new_keys = {(e.msgctxt, e.msgid) for e in entries}
    vanished = {e.msgid: e for key, e in old.items() if key not in new_keys and e.msgstr}
    changes = []
    for entry in entries:
        before = old.get((entry.msgctxt, entry.msgid))
        if before is None and vanished:
            close = difflib.get_close_matches(entry.msgid, list(vanished), n=1, cutoff=0.5)
            if close:
                before = vanished.pop(close[0])
                entry.flags, entry.previous_msgid = ["fuzzy"], before.msgid
                changes.append(f"stale (fuzzy): {entry.occurrences[0][0]}: {entry.msgid[:70]!r}")
        elif before is None:
            changes.append(f"new: {entry.occurrences[0][0]}: {entry.msgid[:70]!r}")
        else:
            entry.flags, entry.previous_msgid = before.flags, before.previous_msgid
        if before is not None:
            entry.msgstr, entry.tcomment = before.msgstr, before.tcomment
    changes += [f"dropped: {e.msgid[:70]!r}" for e in vanished.values()]
    del catalog[:]
    catalog.extend(entries)
    return changes


def notebook_path(page: str) -> Path:
    return ROOT / LANGUAGE / f"{page}.ipynb"


def expected_notebook(page: str, catalog: polib.POFile) -> str:
    """The Chinese notebook as the repository keeps it (its images two folders up)."""
    return nbformat.writes(translated(read(ROOT / f"{page}.ipynb"), catalog, "../../_static/")) + "\n"


def update() -> None:
    catalog = load()
    for line in merge(catalog, template()):
        print(line)
    catalog.save()
    for page in chapters():
        path = notebook_path(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(expected_notebook(page, catalog), encoding="utf-8")
    left = problems(catalog)
    print(f"{CATALOG.relative_to(ROOT)}: {len(catalog)} entries, {len(left)} to fix; "
          f"{LANGUAGE}/ notebooks rewritten")


def glossary(catalog: polib.POFile) -> dict[str, tuple[str, list[str]]]:
    """The glossary at the top of the catalog: English term -> (Chinese term, renderings to avoid)."""
    terms = {}
    for line in catalog.header.splitlines():
        match = GLOSSARY_LINE.match(line)
        if match:
            avoid = [w.strip() for w in (match.group(3) or "").split(",") if w.strip()]
            terms[match.group(1)] = (match.group(2), avoid)
    return terms


def markup_problems(english: str, chinese: str) -> list[str]:
    """What a translation lost: the block's markup (heading level, list marker, directive, table
    shape), its code (API names stay English) or its links."""
    if FENCE.match(english):  # a ```text block: its comments translated, its lines and fences kept
        shape = lambda lines: (lines[0], lines[-1], len(lines))  # noqa: E731
        same = shape(english.split("\n")) == shape(chinese.split("\n"))
        return [] if same else ["changes the fenced block's fences or number of lines"]
    found = []
    prefix = PREFIX.match(english)
    if prefix and not chinese.startswith(prefix.group(0)):
        found.append(f"does not start with {prefix.group(0)!r}")
    if english.startswith(":::") and chinese.split("\n")[1:] != english.split("\n")[1:]:
        found.append("changes the directive's options")
    if english.startswith("|") and [l.count("|") for l in chinese.split("\n")] != [l.count("|") for l in english.split("\n")]:
        found.append("changes the table's rows or columns")
    plain = " ".join(chinese.replace(f"{LANGUAGE}/chapters/", "chapters/").split())
    found += [f"lost the code {code}" for code in CODE.findall(english) if " ".join(code.split()) not in plain]
    found += [f"lost the link {a or b}" for a, b in TARGET.findall(english) if (a or b) not in chinese]
    found += [f"breaks a line next to a Chinese character (the page shows a space there): {m.group(0)!r}"
              for m in WIDE_BREAK.finditer(chinese)]
    found += [f"shows {text!r} as text: CommonMark does not close **/* after punctuation next to a "
              f"character; add a space or move the punctuation out" for text in _stray_emphasis(chinese)]
    return found


def _stray_emphasis(markdown: str) -> list[str]:
    """Emphasis markers left as text after parsing (the page would show the asterisks)."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    texts = [child.content for token in tokens if token.type == "inline" for child in token.children
             if child.type == "text"]
    return [text for text in texts if "**" in text or re.search(r"(^|\W)\*\S|\S\*($|\W)", text)]


def problems(catalog: polib.POFile, entries: list[polib.POEntry] | None = None) -> list[str]:
    """Every block of the English prose that has no current translation, and every translation that
    breaks the block's markup or uses a rendering the glossary rules out."""
    have = {(e.msgctxt, e.msgid): e for e in catalog}
    avoid = [(term, word) for term, (_, words) in glossary(catalog).items() for word in words]
    found = []
    for entry in entries if entries is not None else template():
        where = ", ".join(f"{file} cell {cell}" if cell else file for file, cell in entry.occurrences[:2])
        first = entry.msgid.split("\n")[0][:70]
        mine = have.get((entry.msgctxt, entry.msgid))
        if mine is None:
            found.append(f"{where}: not in the catalog (run `make translations`): {first!r}")
        elif not mine.msgstr:
            found.append(f"{where}: untranslated: {first!r}")
        elif mine.fuzzy:
            found.append(f"{where}: stale, the English changed (fuzzy): {first!r}")
        else:
            found += [f"{where}: the translation {p}: {first!r}" for p in markup_problems(entry.msgid, mine.msgstr)]
            found += [f"{where}: uses {word!r} for {term!r} (the glossary says {glossary(catalog)[term][0]})"
                      for term, word in avoid if word in mine.msgstr]
    return found


def stale_notebooks(catalog: polib.POFile) -> list[str]:
    """Chinese notebooks that are not the English ones with the catalog's prose."""
    found = []
    for page in chapters():
        path = notebook_path(page)
        if not path.is_file() or path.read_text(encoding="utf-8") != expected_notebook(page, catalog):
            found.append(f"{path.relative_to(ROOT)} is out of date (run `make translations`)")
    return found


def source(dest: Path) -> None:
    """The Chinese book's sources in dest: the notebooks just executed, translated; the English
    book's configuration with the language set, no execution, and launch buttons on zh_CN/."""
    missing = [page for page in chapters() if not (EXECUTED / f"{page}.ipynb").is_file()]
    if missing:
        sys.exit(f"{EXECUTED} has no {missing[0]}.ipynb: build the English book first (make book does).")
    catalog = load()
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("_ext", "_static", "_toc.yml"):
        link = dest / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(ROOT / name)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    title = catalog.find(config["title"], msgctxt=TITLE)
    config["title"] = title.msgstr if title and title.msgstr else config["title"]
    config["execute"]["execute_notebooks"] = "off"
    config["repository"]["path_to_book"] = LANGUAGE
    config["sphinx"]["config"]["language"] = LANGUAGE
    (dest / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    for page in chapters():
        (dest / page).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(translated(read(EXECUTED / f"{page}.ipynb"), catalog), dest / f"{page}.ipynb")
    left = problems(catalog)
    if left:
        print(f"{len(left)} blocks stay English in the {LANGUAGE} book (python scripts/translate.py check)",
              file=sys.stderr)


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["check"]:
        catalog = load()
        found = problems(catalog) + stale_notebooks(catalog)
        print("\n".join(found) or f"{LANGUAGE}: every block translated, every notebook up to date")
        return 1 if found else 0
    if argv[:1] == ["source"] and len(argv) == 2:
        source(Path(argv[1]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
