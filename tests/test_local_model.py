"""Assembling the embedded GGUF from chunk packages: on small fake chunks, with the real code."""

from __future__ import annotations

import hashlib
import sys

import pytest

from summarizer import ConfigurationError, Settings
from summarizer.local_model import PackagedModel, ensure_model


@pytest.fixture
def chunk_packages(tmp_path, monkeypatch):
    """Three importable packages `fakepart{n}` each holding data/partNN.bin."""
    chunks = [b"GGUF" + bytes(range(50)), b"middle" * 100, b"end"]
    for n, data in enumerate(chunks, start=1):
        package = tmp_path / "site" / f"fakepart{n}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{n:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    whole = b"".join(chunks)
    model = PackagedModel("fake.gguf", "fakepart{n}", "data/part{n:02d}.bin", 3, len(whole), hashlib.sha256(whole).hexdigest())
    yield model, whole
    for n in range(1, 4):
        sys.modules.pop(f"fakepart{n}", None)


def test_assembles_verifies_and_reuses(chunk_packages, tmp_path):
    model, whole = chunk_packages
    settings = Settings.load(cache_dir=tmp_path / "cache")
    path, sha = ensure_model(settings, model)
    assert path.read_bytes() == whole and sha == model.sha256
    mtime = path.stat().st_mtime_ns
    assert ensure_model(settings, model)[0].stat().st_mtime_ns == mtime  # verified once, not re-assembled
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.name.startswith(".assembling")] == []


def test_wrong_hash_is_refused_and_leaves_nothing_behind(chunk_packages, tmp_path):
    model, _ = chunk_packages
    tampered = PackagedModel(model.file_name, model.package, model.chunk, model.parts, model.size, "f" * 64)
    with pytest.raises(ConfigurationError, match="failed verification"):
        ensure_model(Settings.load(cache_dir=tmp_path / "cache"), tampered)
    assert list((tmp_path / "cache").iterdir()) == []


def test_changed_file_is_reverified(chunk_packages, tmp_path):
    model, whole = chunk_packages
    settings = Settings.load(cache_dir=tmp_path / "cache")
    path, _ = ensure_model(settings, model)
    path.write_bytes(b"corrupted")
    assert ensure_model(settings, model)[0].read_bytes() == whole
