"""Each kind of bad input gives its own error code, never a traceback, and no
hostile construct makes the extractors read or inflate what they must not."""

from __future__ import annotations

import io
import zipfile

import pytest

from extractors import extract
from extractors.formats import detect
from extractors.model import ExtractionError
from tests import hostile, pdfgen
from tests.conftest import QZB
from tests.hostile import MB


def code_of(data: bytes) -> str:
    with pytest.raises(ExtractionError) as info:
        extract(data)
    assert info.value.message
    return info.value.code


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return (QZB / "泉政办〔2018〕51号.docx").read_bytes()


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


@pytest.mark.parametrize("make", [hostile.xxe_docx, hostile.billion_laughs_docx, hostile.external_dtd_docx,
                                  hostile.late_entity_docx])
def test_a_dtd_the_bytes_show_is_refused_before_parsing(make, tmp_path, monkeypatch):
    """Parsing is the risky step: a part whose bytes declare a DTD or entities
    never reaches the XML parser (the parser's own check is the fallback for a
    DTD the bytes hide, as in a UTF-16 part)."""
    from extractors import safezip

    real_fromstring = safezip.etree.fromstring

    def fromstring(data, *args, **kwargs):
        assert b"<!DOCTYPE" not in data, "a part declaring a DTD was parsed"
        return real_fromstring(data, *args, **kwargs)

    monkeypatch.setattr(safezip.etree, "fromstring", fromstring)
    data = make() if make is hostile.billion_laughs_docx else make(str(tmp_path / "secret.txt"))
    with pytest.raises(ExtractionError) as info:
        extract(data)
    assert info.value.code == "hostile_xml"
    assert "OOXML never needs" in info.value.message


def test_a_part_that_does_not_inflate_is_corrupt(good_docx):
    """A DOCX damaged inside document.xml's compressed bytes (its zip directory
    intact): the part cannot be inflated, and the file says so."""
    info = zipfile.ZipFile(io.BytesIO(good_docx)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(good_docx)
    damaged[start + 100:start + 164] = bytes(64)
    with pytest.raises(ExtractionError) as err:
        extract(bytes(damaged))
    assert err.value.code == "corrupt_docx"
    assert "word/document.xml cannot be inflated" in err.value.message


def test_a_part_that_is_not_xml_is_corrupt():
    from tests.docxgen import make_docx

    with pytest.raises(ExtractionError) as err:
        extract(make_docx("", document="<w:document><w:body><w:p>cut short"))
    assert err.value.code == "corrupt_docx"
    assert "word/document.xml is not well-formed XML" in err.value.message


def test_a_long_notice_with_a_part_over_1_mb_is_read():
    """A few MB of document.xml compressing about 3:1, as long notices do: over
    the 1 MB where the ratio guard starts, and far below its 200:1."""
    import random

    from tests.docxgen import document_xml, make_docx, p

    rng = random.Random(18)
    hanzi = "政务公开工作任务牵头单位责任要求完成时限市县区人民政府办公室财政局发展和改革委员会"
    texts = ["".join(rng.choice(hanzi) for _ in range(60)) for _ in range(12000)]
    data = make_docx("", document=document_xml("".join(p(t) for t in texts)))
    part = _bomb_part(data)
    assert part.file_size > 2 * MB and part.file_size < 20 * part.compress_size
    assert [para.text for para in extract(data).paragraphs()] == texts


def test_entity_expansion_bomb_is_refused():
    assert code_of(hostile.billion_laughs_docx()) == "hostile_xml"


def _bomb_part(data: bytes) -> zipfile.ZipInfo:
    return zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")


@pytest.fixture(scope="module")
def ratio_bomb() -> bytes:
    return hostile.ratio_bomb_docx()


@pytest.fixture(scope="module")
def size_bomb() -> bytes:
    return hostile.size_bomb_docx()


def test_each_one_guard_bomb_trips_only_its_guard(ratio_bomb, size_bomb):
    """The guards: a part inflating past 64 MB, or a part over 1 MB compressed
    more than 200:1. Each bomb below must pass the other guard, or a broken
    guard could hide behind the one that still works."""
    ratio, size = _bomb_part(ratio_bomb), _bomb_part(size_bomb)
    assert 1 * MB < ratio.file_size <= 64 * MB and ratio.file_size > 200 * ratio.compress_size
    assert size.file_size > 64 * MB and size.file_size <= 200 * size.compress_size


@pytest.mark.parametrize("name", ["bomb", "ratio_bomb", "size_bomb"])
def test_zip_bomb_is_refused_before_inflating(name, request, monkeypatch):
    data = request.getfixturevalue(name)
    real_open = zipfile.ZipFile.open

    def open_all_but_the_bomb(self, name, *args, **kwargs):
        assert name != "word/document.xml", "the bomb part was opened"
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_all_but_the_bomb)
    assert code_of(data) == "zip_bomb"


def test_a_small_part_may_compress_well():
    """The ratio guard starts at 1 MB: a short repetitive part (styles, a table
    of identical rows) compresses far beyond 200:1 and is no bomb."""
    from tests.docxgen import document_xml, make_docx, p

    body = "".join(p("各县（市、区）人民政府") for _ in range(2000))
    data = make_docx("", document=document_xml(body))
    part = _bomb_part(data)
    assert part.file_size < 1 * MB and part.file_size > 200 * part.compress_size
    texts = [para.text for para in extract(data).paragraphs()]
    assert texts == ["各县（市、区）人民政府"] * 2000


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


def test_legacy_file_libreoffice_cannot_read_fails_cleanly(soffice):
    assert code_of(hostile.ole_file()) == "conversion_failed"


@pytest.mark.parametrize("make, code", [
    (pdfgen.truncated_pdf, "corrupt_pdf"),
    (pdfgen.encrypted_pdf, "encrypted"),
    (pdfgen.image_only_pdf, "no_text_layer"),
])
def test_bad_pdfs(make, code):
    assert code_of(make()) == code
