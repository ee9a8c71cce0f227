"""Each kind of bad input gives its own error code, never a traceback, and no
hostile construct makes the extractors read or inflate what they must not."""

from __future__ import annotations

import io
import zipfile

import pytest

from extractors import extract
from extractors.formats import detect
from extractors.legacy import soffice_path
from extractors.model import ExtractionError
from tests import hostile, pdfgen
from tests.conftest import RAW


def code_of(data: bytes) -> str:
    with pytest.raises(ExtractionError) as info:
        extract(data)
    assert info.value.message
    return info.value.code


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return (RAW / "泉政办〔2018〕51号.docx").read_bytes()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return hostile.zip_bomb_docx()


def test_empty_and_blank_files():
    assert code_of(b"") == "empty_file"
    assert code_of(b" \n\t") == "empty_file"


def test_random_bytes_are_unsupported():
    assert code_of(hostile.random_bytes()) == "unsupported_format"


def test_truncated_docx_is_corrupt(good_docx):
    assert code_of(hostile.truncated(good_docx)) == "corrupt_docx"


def test_zip_that_is_not_a_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    assert code_of(buf.getvalue()) == "corrupt_docx"


@pytest.mark.parametrize("make", [hostile.xxe_docx, hostile.xxe_utf16_docx, hostile.late_doctype_docx])
def test_external_entities_and_dtds_are_refused(make, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MARKER")
    assert code_of(make(str(secret))) == "hostile_xml"


def test_entity_expansion_bomb_is_refused():
    assert code_of(hostile.billion_laughs_docx()) == "hostile_xml"


def test_zip_bomb_is_refused_before_inflating(bomb, monkeypatch):
    real_open = zipfile.ZipFile.open

    def open_all_but_the_bomb(self, name, *args, **kwargs):
        assert name != "word/document.xml", "the bomb part was opened"
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_all_but_the_bomb)
    assert code_of(bomb) == "zip_bomb"


def test_sniffing_lists_the_zip_without_inflating_it(bomb, monkeypatch):
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("sniff inflated a part"))
    fmt = detect(bomb)
    assert fmt is not None and fmt.name == "docx"


def test_legacy_file_without_libreoffice_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExtractionError) as info:
        extract(hostile.ole_file())
    assert info.value.code == "needs_libreoffice"
    assert "apt-get install libreoffice-writer" in info.value.message


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_legacy_file_libreoffice_cannot_read_fails_cleanly():
    assert code_of(hostile.ole_file()) == "conversion_failed"


@pytest.mark.parametrize("make, code", [
    (pdfgen.truncated_pdf, "corrupt_pdf"),
    (pdfgen.encrypted_pdf, "encrypted"),
    (pdfgen.image_only_pdf, "no_text_layer"),
])
def test_bad_pdfs(make, code):
    assert code_of(make()) == code
