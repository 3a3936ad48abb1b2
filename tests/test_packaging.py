"""`pip install .` (not editable) ships the prompts and data files and finds them at run time."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_prompts_and_data_and_finds_them_installed(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True, timeout=300,
    )
    wheel = next(tmp_path.glob("summarizer-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "prompts").glob("*.j2"):
        assert f"summarizer/prompts/{template.name}" in names
    assert "summarizer/data/glossary.tsv" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, timeout=300,
    )
    probe = (
        "import summarizer, summarizer.prompts as p; "
        f"d = p.default_prompt_dir(); assert str(d).startswith({str(target)!r}), d; "
        "print(p.Prompts().render('system.j2')[:20])"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("You are a careful")
