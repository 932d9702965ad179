"""The one file writer: the whole file or nothing, the old file intact on failure, words for a bad folder."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from gasdesk import files
from gasdesk.services.core.errors import ValidationError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(files.TMP_SUFFIX))


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "登记册.pdf"
    assert files.write_atomic(target, b"%PDF-1.4 new") == target
    assert target.read_bytes() == b"%PDF-1.4 new"
    assert leftovers(tmp_path) == []
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == files.PRIVATE_MODE  # personal data: owner-only


def test_an_existing_file_is_replaced_and_narrowed_to_its_owner(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    files.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_shared_file_keeps_the_mode_of_the_one_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "picture.png"
    files.write_atomic(target, b"first", private=False)
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == files.SHARED_MODE
    target.chmod(0o640)
    files.write_atomic(target, b"second", private=False)
    assert target.read_bytes() == b"second"
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the old sheet")

    def refuse(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(ValidationError) as info:
        files.write_atomic(target, b"x" * 100_000)
    assert "文件未能写入" in info.value.zh and "No space left on device" in info.value.en
    assert target.read_bytes() == b"the old sheet"
    assert leftovers(tmp_path) == []


def test_a_write_failing_part_way_leaves_the_old_file_and_no_temporary_file(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the old sheet")

    def disk_full(_fd: int) -> None:  # the data went out, the sync did not: as a full disk looks
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(ValidationError):
        files.write_atomic(target, b"half a new sheet")
    assert target.read_bytes() == b"the old sheet"
    assert leftovers(tmp_path) == []


def test_an_interrupt_part_way_still_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sheet.pdf"

    def interrupted(_src: object, _dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, b"data")
    assert not target.exists() and leftovers(tmp_path) == []


def test_a_missing_folder_is_refused_with_words(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        files.write_atomic(tmp_path / "nowhere" / "sheet.pdf", b"data")
    assert info.value.zh == f"文件夹不存在：{tmp_path / 'nowhere'}"
    assert info.value.en.startswith("The folder does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_as_the_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="这是一个文件夹"):
        files.write_atomic(tmp_path, b"data")


@pytest.mark.skipif(os.name == "nt" or (hasattr(os, "geteuid") and os.geteuid() == 0),
                    reason="POSIX permissions; root writes anywhere")
def test_a_read_only_folder_is_refused_with_words(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ValidationError, match="文件夹不能写入"):
            files.write_atomic(folder / "sheet.pdf", b"data")
    finally:
        folder.chmod(0o700)


def test_a_folder_the_system_refuses_is_refused_with_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when the permission bits look fine (a root user, a network share, antivirus)."""

    def denied(*_a: object, **_kw: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    with pytest.raises(ValidationError) as info:
        files.write_atomic(tmp_path / "sheet.pdf", b"data")
    assert "Permission denied" in info.value.en and "原有文件未被改动" in info.value.zh


@pytest.mark.skipif(sys.platform == "win32", reason="folders are not fsynced on Windows")
def test_the_folder_is_synced_after_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    files.write_atomic(tmp_path / "a.pdf", b"data")
    assert len(synced) == 2  # the file, then its folder
