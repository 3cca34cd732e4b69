"""Every chapter's Colab badge and Colab install cell point at the one repository address.

That address is `_config.yml`'s `repository.url` (with `repository.branch` and
`launch_buttons.colab_url`): a placeholder until the book is published. Change it there, then
update the chapters until this test passes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\((https?://[^)\s]+)\)|(https?://[^\s)\"'`<>]+)")


def config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def chapters() -> list[str]:
    """The notebooks of the table of contents, as paths from the repository root."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [entry["file"] for entry in toc.get("chapters", [])]
    return [name if name.endswith(".ipynb") else name + ".ipynb" for name in files]


def repository() -> tuple[str, str]:
    """(repository URL, 'owner/name') from _config.yml."""
    url = config()["repository"]["url"].rstrip("/")
    parsed = urlparse(url)
    assert parsed.scheme == "https" and parsed.netloc == "github.com", (
        f"_config.yml's repository.url must be https://github.com/OWNER/NAME (Colab opens notebooks from GitHub): {url}"
    )
    path = parsed.path.strip("/").removesuffix(".git")
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", path), f"repository.url names no OWNER/NAME: {url}"
    return url, path


def expected_badge(notebook: str) -> str:
    """The address Jupyter Book's own launch button uses for ``notebook`` on Colab."""
    cfg = config()
    _, path = repository()
    book = cfg["repository"].get("path_to_book", "").strip("/")
    colab = cfg.get("launch_buttons", {}).get("colab_url", "https://colab.research.google.com").rstrip("/")
    return f"{colab}/github/{path}/blob/{cfg['repository'].get('branch', 'main')}/{book + '/' if book else ''}{notebook}"


def links(text: str) -> list[str]:
    return [a or b for a, b in LINK.findall(text)]


def cells(notebook: str) -> list[dict]:
    return json.loads((ROOT / notebook).read_text())["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def badge_problems(notebook: str, nb_cells: list[dict]) -> list[str]:
    found = [url for cell in nb_cells if cell["cell_type"] == "markdown" for url in links(source(cell))
             if "colab.research.google.com" in url]
    want = expected_badge(notebook)
    if not found:
        return [f"{notebook}: no Colab badge link (want {want})"]
    return [f"{notebook}: Colab link {url} (want {want})" for url in found if url != want]


def install_problems(notebook: str, nb_cells: list[dict]) -> list[str]:
    """The install cell: tagged remove-cell, acting only where the package is missing (Colab, a fresh
    kernel, any Jupyter), installing from the repository, upgrading nothing."""
    url, _ = repository()
    installs = [cell for cell in nb_cells if cell["cell_type"] == "code" and "kerastour_helpers @" in source(cell)]
    if len(installs) != 1:
        return [f"{notebook}: {len(installs)} cells install kerastour_helpers (want one, the first code cell)"]
    cell, text = installs[0], source(installs[0])
    problems = []
    if "remove-cell" not in cell.get("metadata", {}).get("tags", []):
        problems.append(f"{notebook}: the install cell is not tagged remove-cell")
    if 'importlib.util.find_spec("kerastour_helpers") is None' not in text:
        problems.append(f"{notebook}: the install cell does not act exactly where the package is missing "
                        "(importlib.util.find_spec(\"kerastour_helpers\") is None)")
    if cell is not next(c for c in nb_cells if c["cell_type"] == "code"):
        problems.append(f"{notebook}: the install cell is not the first code cell")
    targets = re.findall(r"kerastour_helpers @ (git\+\S+?)[\"'\s]", text)
    if targets != [f"git+{url}"]:
        problems.append(f"{notebook}: the install cell installs {targets} (want git+{url})")
    if re.search(r"\s(-U|--upgrade)\b", text):
        problems.append(f"{notebook}: the install cell upgrades packages (Colab's must stay as they are)")
    return problems


def repository_problems(notebook: str, nb_cells: list[dict]) -> list[str]:
    """Every `git clone` of the book, and every other GitHub link to its owner, uses the configured address."""
    url, path = repository()
    owner = path.split("/")[0]
    problems = []
    for cell in nb_cells:
        text = source(cell)
        for cloned in re.findall(r"git clone (\S+)", text):
            if cloned.rstrip("/").removesuffix(".git") != url:
                problems.append(f"{notebook}: git clone {cloned} (want {url})")
        for link in links(text):
            parsed = urlparse(link)
            if parsed.netloc == "github.com" and parsed.path.strip("/").split("/")[0] == owner:
                if not (link.rstrip("/") + "/").startswith(url + "/"):
                    problems.append(f"{notebook}: {link} is not under {url}")
    return problems


@pytest.mark.parametrize("notebook", chapters() + [f"zh_CN/{name}" for name in chapters()])  # and the Chinese edition
def test_colab_badge_and_install_cell_follow_the_configured_repository(notebook):
    nb_cells = cells(notebook)
    problems = badge_problems(notebook, nb_cells) + install_problems(notebook, nb_cells) + repository_problems(notebook, nb_cells)
    assert not problems, "\n".join(problems)


def test_a_chapter_out_of_step_is_caught():
    """A badge, an install cell and a clone address that point elsewhere are each found."""
    notebook = chapters()[0]
    real = cells(notebook)
    url, path = repository()
    moved = json.loads(json.dumps(real))
    for cell in moved:
        text = source(cell).replace(path, "someone/elsewhere")
        cell["source"] = text.replace("-q ", "-q -U ") if "kerastour_helpers @" in text else text
    assert badge_problems(notebook, moved)
    assert any("installs" in p for p in install_problems(notebook, moved))
    assert any("upgrades" in p for p in install_problems(notebook, moved))
    assert any("remove-cell" in p for p in install_problems(notebook, [dict(c, metadata={}) for c in real]))
    if any("git clone" in source(c) for c in real):
        assert any("git clone" in p for p in repository_problems(notebook, moved))
    assert not badge_problems(notebook, real) and not install_problems(notebook, real)
