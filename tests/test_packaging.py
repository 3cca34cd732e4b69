"""The package as Colab and other non-editable installs get it: a wheel with the data inside."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_every_shipped_data_file(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("kerastour_helpers-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    sums = (ROOT / "kerastour_helpers" / "data" / "SHA256SUMS").read_text().split("\n")
    shipped = {"kerastour_helpers/data/" + line.split(maxsplit=1)[1].strip().removeprefix("./") for line in sums if line}
    assert shipped <= names, sorted(shipped - names)[:5]
    assert "kerastour_helpers/data/PROVENANCE.md" in names
