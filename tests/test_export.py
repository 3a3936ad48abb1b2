"""Writing results atomically, with the permissions of an ordinary new file."""

from __future__ import annotations

import os
import stat

import pytest

from summarizer.export import write_atomic


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_written_files_get_the_permissions_the_umask_allows(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "out" / "a.json", "{}\n")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "out" / "a.json").stat().st_mode)
    assert mode == 0o666 & ~umask  # not mkstemp's private 0600
    assert (tmp_path / "out" / "a.json").read_text(encoding="utf-8") == "{}\n"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.json"]  # no temporary file left
