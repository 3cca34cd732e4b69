"""The Chinese edition cannot drift from the English one.

Every block of English prose in the book has a current translation in the catalog
(locales/zh_CN/LC_MESSAGES/chapters.po): none missing, none stale (fuzzy: its English changed),
none that lost the block's markup, code or links; and each Chinese notebook (zh_CN/chapters/) is the
English notebook with the catalog's prose, its code cells and outputs unchanged. After an English
change: `make translations`, translate what it lists, `make translations` again.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat
import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("translate", ROOT / "scripts" / "translate.py")
translate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translate)

PAGES = translate.chapters()


@pytest.fixture(scope="module")
def catalog():
    return translate.load()


@pytest.fixture(scope="module")
def entries():
    return translate.template()


@pytest.mark.parametrize("page", PAGES)
def test_every_block_of_prose_has_a_current_translation(catalog, entries, page):
    mine = [e for e in entries if any(file == f"{page}.ipynb" for file, _ in e.occurrences)]
    problems = translate.problems(catalog, mine)
    assert mine, f"{page} has no prose"
    assert not problems, f"{len(problems)} of {len(mine)} blocks:\n" + "\n".join(problems)


def test_the_book_title_is_translated(catalog, entries):
    assert translate.problems(catalog, [e for e in entries if e.msgctxt == translate.TITLE]) == []


@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_notebook_is_the_english_one_with_translated_prose(catalog, page):
    english = nbformat.read(ROOT / f"{page}.ipynb", as_version=4)
    path = translate.notebook_path(page)
    assert path.is_file(), f"{path} is missing: run `make translations`"
    chinese = nbformat.read(path, as_version=4)
    assert [c.cell_type for c in chinese.cells] == [c.cell_type for c in english.cells]
    assert chinese.metadata == english.metadata
    for index, (zh, en) in enumerate(zip(chinese.cells, english.cells)):
        if en.cell_type != "markdown":
            assert zh == en, f"{path} cell {index}: code or outputs differ from {page}.ipynb (make translations)"
    assert path.read_text(encoding="utf-8") == translate.expected_notebook(page, catalog), (
        f"{path} is out of date with the catalog: run `make translations`")


def test_each_markdown_cell_is_cut_into_blocks_that_rebuild_it():
    """No text is lost or doubled: with an empty catalog every cell comes back as it was."""
    empty = polib.POFile()
    for page in PAGES:
        for cell in nbformat.read(ROOT / f"{page}.ipynb", as_version=4).cells:
            if cell.cell_type == "markdown":
                ranges = translate.blocks(cell.source)
                assert all(a < b <= c for (a, b, _), (c, _, _) in zip(ranges, ranges[1:])), ranges
                assert translate.translate(cell.source, empty) == translate.COLAB.sub(
                    lambda m: m.group(1) + translate.LANGUAGE + "/", cell.source)


def test_a_changed_english_block_turns_stale_and_shows_english_until_fixed():
    """msgmerge's rule: the closest old translation comes back marked fuzzy, with the old English."""
    catalog = polib.POFile()
    catalog.append(polib.POEntry(msgid="## Setup", msgstr="## 准备工作"))
    catalog.append(polib.POEntry(msgid="Keras reads it **once**: set it first.", msgstr="Keras **只读取一次**：先设置它。"))
    where = [("chapters/intro.ipynb", "3")]
    new = [polib.POEntry(msgid="## Setup", occurrences=where),
           polib.POEntry(msgid="Keras reads it **once**, when imported: set it first.", occurrences=where)]
    translate.merge(catalog, new)
    stale = catalog.find(new[1].msgid)
    assert stale.fuzzy and stale.msgstr == "Keras **只读取一次**：先设置它。"
    assert stale.previous_msgid == "Keras reads it **once**: set it first."
    assert [p for p in translate.problems(catalog, new) if "stale" in p] and len(translate.problems(catalog, new)) == 1
    cell = "## Setup\n\nKeras reads it **once**, when imported: set it first."
    assert translate.translate(cell, catalog) == "## 准备工作\n\nKeras reads it **once**, when imported: set it first."
    stale.flags.remove("fuzzy")
    assert translate.problems(catalog, new) == []


def test_a_translation_that_breaks_its_block_is_caught():
    check = translate.markup_problems
    assert check("## Load a dataset", "## 加载数据集") == []
    assert check("## Load a dataset", "加载数据集")  # the heading level
    assert check("- Call `fit` here.", "- 在这里调用 fit。")  # an API name translated away
    assert check("See [the guide](https://keras.io/guides/).", "见指南。")  # the link
    assert check("Keras reads it **once**.", "Keras 这里是**“一次”**的意思。")  # asterisks left on the page
    assert check("One line\nand another.", "一行\n又一行。")  # a space between two Chinese characters
    assert check("| a | b |\n|---|---|", "| 甲 | 乙 |")  # the table's rows
    assert check(":::{admonition} Run this notebook\n:class: tip", ":::{admonition} 运行本笔记本\n:class: note")
    fenced = "```text\nL = ReLU(A)    one value per cell\n```"
    assert check(fenced, "```text\nL = ReLU(A)    每个格子一个值\n```") == []
    assert check(fenced, "```text\nL = ReLU(A)\n每个格子一个值\n```")  # a line more
    catalog = polib.POFile()
    catalog.header = "- layer: 层 (not: 图层)"
    catalog.append(polib.POEntry(msgid="A Dense layer.", msgstr="一个 Dense 图层。"))
    assert translate.problems(catalog, [polib.POEntry(msgid="A Dense layer.", occurrences=[("x", "1")])])


def test_the_glossary_fixes_the_terms(catalog):
    terms = translate.glossary(catalog)
    for english, chinese in [("layer", "层"), ("model", "模型"), ("callback", "回调"), ("tensor", "张量"),
                             ("backend", "后端"), ("optimizer", "优化器"), ("fine-tune, fine-tuning", "微调"),
                             ("pretrained", "预训练")]:
        assert terms[english][0] == chinese
    assert "Keras API names stay English" in catalog.header


def test_the_chinese_intro_says_once_that_code_comments_stay_english():
    intro = nbformat.read(translate.notebook_path(PAGES[0]), as_version=4)
    prose = "".join(c.source for c in intro.cells if c.cell_type == "markdown")
    assert prose.count("注释仍是英文") == 1
