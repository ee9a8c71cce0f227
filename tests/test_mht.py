"""MHTML web archives: each archive of tests/fixtures/web/mht/ (Chrome's and IE's
container around a page of the web fixtures, tests/fixtures/make_mht_fixtures.py)
gives the rows of the page it holds; the charset an archive declares, its
root part, and broken or hostile archives."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import pandas as pd
import pytest

from extractors import extract
from extractors.formats import detect
from extractors.html.encoding import decode_html
from extractors.mht import MAX_CONTAINERS, MAX_PARTS
from extractors.model import ExtractionError
from pipeline.cli import EXIT_FAILED, main
from pipeline.convert import convert
from pipeline.datasets.records import record_dict
from tests.conftest import FIXTURES
from tests.expected.qzb_2018_51 import TASKS as QZB_TASKS
from tests.expected.real_layouts import JIANGMEN, TAISHAN
from tests.expected.web_prose import TASKS as PROSE_TASKS

WEB = FIXTURES / "web"
ARCHIVES = sorted(p.name for p in (WEB / "mht").iterdir())
FILE_BOUND = {"doc_id", "sha256", "source_path", "source_format"}
"""What tells two files apart, not two readings of a notice."""
SOURCE_TASKS = {
    "泉政办〔2018〕51号.gb2312": QZB_TASKS, "台山-政务公开工作任务.gbk": TAISHAN, "江门-政府信息公开工作任务": JIANGMEN,
    **PROSE_TASKS, "国发〔2019〕5号": [], "国令第707号": [],
}
"""Each notice's tasks as its page states them (tests/expected/)."""


def stem(archive: str) -> str:
    return archive.rsplit(".", 2)[0]  # 台山-….gbk.chrome.mhtml → 台山-….gbk


def twin(archive: str) -> Path:
    return next(WEB.rglob(f"{stem(archive)}.html"))


def rows(path: Path) -> dict[str, list[dict]]:
    converted = convert(path.read_bytes(), path.name)
    def strip(records):
        return [{k: v for k, v in record_dict(r).items() if k not in FILE_BOUND} for r in records]
    return {"documents": strip([converted.document]), "tasks": strip(converted.tasks),
            "task_units": strip(converted.task_units), "citations": strip(converted.citations)}


def test_the_fixtures_are_both_browsers_archives_of_every_web_page():
    pages = [p.name.removesuffix(".html") for p in [*WEB.glob("*.html"), *WEB.glob("site/*.html")]]
    expected = sorted(f"{page}.{shape}" for page in pages for shape in ("chrome.mhtml", "ie.mht"))
    assert len(pages) == 8 and expected == ARCHIVES


@pytest.mark.parametrize("archive", ARCHIVES)
def test_an_archive_gives_the_rows_of_the_page_it_holds(archive):
    """Datasets equal, field for field, but for the file's identity and format;
    and the tasks are the notice's own."""
    path = WEB / "mht" / archive
    assert rows(path) == rows(twin(archive))
    converted = convert(path.read_bytes(), archive)
    assert converted.document.source_format == "mht"
    expected = SOURCE_TASKS[stem(archive)]
    assert [{f: getattr(t, f) for f in expected[0]} for t in converted.tasks] == expected if expected else \
        converted.tasks == []


def test_the_archive_says_where_the_page_came_from():
    converted = convert((WEB / "mht" / "国令第707号.chrome.mhtml").read_bytes(), "a.mhtml")
    assert converted.properties == {
        "Location": "http://www.gov.cn/zhengce/content/2018-12/22/content_5351177.htm",
        "Creator": "<Saved by Blink>", "CreationDate": "Wed, 26 Nov 2025 10:00:00 +0800"}


# --- archives built here --------------------------------------------------------

PAGE = "<html><head><title>t</title></head><body><p>{}</p></body></html>"
TEXT = "泉州市人民政府办公室关于印发2018年政务公开工作主要任务分解表的通知，朱镕基"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def mime_part(body: bytes, content_type: str = "text/html", encoding: str = "8bit", **headers: str) -> bytes:
    lines = [f"Content-Type: {content_type}", f"Content-Transfer-Encoding: {encoding}",
             *(f"{k.replace('_', '-')}: {v}" for k, v in headers.items())]
    if encoding == "base64":
        body = base64.encodebytes(body)
    elif encoding == "quoted-printable":
        body = quopri.encodestring(body)
    return "\r\n".join(lines).encode() + b"\r\n\r\n" + body


def archive(*parts: bytes, params: str = "", head: str = "", close: bool = True, boundary: str = "B") -> bytes:
    """A multipart/related web archive of *parts*, as the browsers lay it out."""
    top = (f"From: <Saved by Blink>\r\n{head}MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
           f'\ttype="text/html";{params}\r\n\tboundary="{boundary}"\r\n\r\n').encode()
    body = b"".join(f"\r\n--{boundary}\r\n".encode() + p for p in parts)
    return top + body + (f"\r\n--{boundary}--\r\n".encode() if close else b"\r\n")


def texts(data: bytes) -> list[str]:
    return [p.text for p in extract(data).paragraphs()]


def test_the_charset_of_the_archive_ranks_above_the_pages_meta():
    """The part's charset is the page's transport-layer charset (browsers load
    an archive's part as they load an HTTP response), so it outranks a stale
    ``<meta>``: here GBK bytes under a meta that says EUC-KR, which decodes
    them without error, as Korean."""
    title = "国务院办公厅关于印发重点工作任务分解表的通知"
    page = f'<html><head><meta charset="euc-kr"></head><body><p>{title}</p></body></html>'.encode("gbk")
    assert title.encode("gbk").decode("euc-kr") in decode_html(page)  # the meta alone, as for a saved page
    assert texts(archive(mime_part(page, 'text/html; charset="gbk"'))) == [title]
    assert texts(archive(mime_part(page, "text/html"))) == [title.encode("gbk").decode("euc-kr")]


@pytest.mark.parametrize(("page", "charset", "why"), [
    (PAGE.format(TEXT).encode(), "gb2312", "declared GB2312, bytes UTF-8: the declaration loses"),
    (PAGE.format(TEXT).encode("gbk"), "iso-8859-1", "declared Latin-1: proves nothing"),
    (PAGE.format(TEXT).encode("gbk"), "x-unknown", "a label no codec has"),
    (b"\xef\xbb\xbf" + PAGE.format(TEXT).encode(), "gbk", "a BOM outranks every declaration"),
    (PAGE.format(TEXT).encode("gbk"), "gb2312", "GB2312 decodes as GB18030: 镕 is GBK only"),
])
def test_a_charset_is_trusted_only_where_it_reads_the_bytes(page, charset, why):
    assert texts(archive(mime_part(page, f"text/html; charset={charset}"))) == [TEXT], why


@pytest.mark.parametrize(("encoding", "header"), [
    ("7bit", "7bit"), ("8bit", "8bit"), ("binary", "binary"), ("quoted-printable", "quoted-printable"),
    ("base64", "base64"), ("base64", "Base64 "), ("8bit", None),
])
def test_transfer_encodings(encoding, header):
    data = archive(mime_part(PAGE.format(TEXT).encode("gbk"), "text/html; charset=gbk", encoding))
    line = f"Content-Transfer-Encoding: {encoding}\r\n".encode()
    data = data.replace(line, f"Content-Transfer-Encoding: {header}\r\n".encode() if header else b"")
    assert texts(data) == [TEXT]


def test_ie_archive_of_a_page_without_images_is_the_page_itself():
    """IE saves a page with no resources as a single text/html message."""
    data = (b'From: "Saved by Windows Internet Explorer 8"\r\nSubject: \r\nMIME-Version: 1.0\r\n'
            b'Content-Type: text/html;\r\n\tcharset="gb2312"\r\nContent-Transfer-Encoding: quoted-printable\r\n'
            b"Content-Location: http://www.gov.cn/a.htm\r\n\r\n" + quopri.encodestring(PAGE.format(TEXT).encode("gbk")))
    assert detect(data).name == "mht"
    document = extract(data)
    assert [p.text for p in document.paragraphs()] == [TEXT]
    assert document.properties["Location"] == "http://www.gov.cn/a.htm"


ROOT, FRAME = PAGE.format("正文").encode(), PAGE.format("框架").encode()


@pytest.mark.parametrize(("data", "why"), [
    (archive(mime_part(FRAME, Content_ID="<f1>"), mime_part(ROOT, Content_ID="<root>"), params=' start="<root>";'),
     "start names the root by Content-ID (RFC 2557)"),
    (archive(mime_part(FRAME, Content_Location="http://a/frame"), mime_part(ROOT, Content_Location="http://a/"),
             head="Snapshot-Content-Location: http://a/\r\n"), "Chrome's Snapshot-Content-Location"),
    (archive(mime_part(PNG, "image/png", "base64"), mime_part(ROOT), mime_part(FRAME)),
     "no root named, the first part an image: the first page"),
    (archive(mime_part(ROOT, Content_ID="<root>"), mime_part(FRAME), params=' start="<gone>";'),
     "start names no part: the first part"),
])
def test_the_root_page_is_read_and_frames_images_and_styles_are_not(data, why):
    assert texts(data) == ["正文"], why


def test_an_e_mail_saved_as_a_web_archive_nests_its_page():
    inner = (b'Content-Type: multipart/alternative; boundary="A"\r\n\r\n--A\r\n' + mime_part(b"plain", "text/plain")
             + b"\r\n--A\r\n" + mime_part(ROOT) + b"\r\n--A--\r\n")
    assert texts(archive(inner, mime_part(PNG, "image/png", "base64"))) == ["正文"]


def test_headers_that_break_the_strict_email_parser_are_read():
    """A parameter ending in ``*`` (IndexError under ``email.policy.default``)
    and raw GBK bytes in a Subject."""
    data = archive(mime_part(ROOT, "text/html; name*"), head="Subject: SUBJECT\r\n")
    assert texts(data.replace(b"SUBJECT", "国务院".encode("gbk"))) == ["正文"]


def test_a_cut_after_the_page_is_read_with_a_warning():
    document = extract(archive(mime_part(ROOT), mime_part(PNG, "image/png", "base64")[:60], close=False))
    assert [p.text for p in document.paragraphs()] == ["正文"]
    assert document.warnings == ["web archive cut short after its page (no closing boundary): some images or "
                                 "styles are missing, the page is complete"]


# --- broken and hostile archives ------------------------------------------------------

def code_of(data: bytes) -> str:
    with pytest.raises(ExtractionError) as info:
        extract(data)
    return info.value.code


GBK_PAGE = PAGE.format(TEXT).encode("gbk")


@pytest.mark.parametrize(("data", "code"), [
    pytest.param(archive(mime_part(PNG, "image/png", "base64"), mime_part(b"body {}", "text/css")), "mht_no_html",
                 id="images and styles only"),
    pytest.param(b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n--B\r\n" + mime_part(ROOT)
                 + b"\r\n--B--\r\n", "corrupt_mht", id="no boundary parameter"),
    pytest.param(archive(mime_part(ROOT)).replace(b"\r\n--B", b"\r\n--C"), "corrupt_mht",
                 id="the boundary never occurs"),
    pytest.param(archive(mime_part(GBK_PAGE, encoding="base64"))[:-40], "corrupt_mht",
                 id="cut inside the page's base64"),
    pytest.param(archive(mime_part(GBK_PAGE, encoding="base64")).replace(b"PGh0bWw+", b"PGh0bWw"), "corrupt_mht",
                 id="base64 of a wrong length"),
    pytest.param(archive(mime_part(GBK_PAGE, encoding="base64")).replace(b"PGh0bWw+", b"PGh0b!!+"), "corrupt_mht",
                 id="base64 with foreign characters"),
    pytest.param(archive(mime_part(ROOT), close=False), "corrupt_mht", id="cut with the page last"),
    pytest.param(archive(mime_part(ROOT, encoding="x-uuencode")), "corrupt_mht", id="unknown transfer encoding"),
    pytest.param(archive(mime_part(b"<html><body>" + bytes(range(256)) * 20)), "undecodable_html",
                 id="binary page part"),
    pytest.param(archive(mime_part(b"<html><body><script>document.write('x')</script></body></html>")),
                 "html_no_content", id="page without text"),
    pytest.param(archive(mime_part(b'<!DOCTYPE html [<!ENTITY a "AAAA">]><html><body><p>&a;</p></body></html>')),
                 "hostile_html", id="entity declarations"),
    pytest.param(archive(*[mime_part(PNG, "image/png", "base64")] * MAX_PARTS, mime_part(ROOT)), "mht_too_large",
                 id="too many parts"),
])
def test_broken_and_hostile_archives(data, code):
    assert code_of(data) == code


def test_containers_nested_past_the_bound_are_refused_before_parsing():
    """The parser recurses into each container: a deep nest would exhaust the stack."""
    data = mime_part(ROOT)
    for depth in range(MAX_CONTAINERS + 4):
        data = (f'Content-Type: multipart/related; boundary="N{depth}"\r\n\r\n--N{depth}\r\n'.encode() + data
                + f"\r\n--N{depth}--\r\n".encode())
    assert code_of(archive(data)) == "mht_too_large"
    deep = b"".join(b"Content-Type: message/rfc822\r\n\r\n" for _ in range(5000))
    assert code_of(archive(mime_part(ROOT), b"Content-Type: message/rfc822\r\n\r\n" + deep)) == "mht_too_large"


def test_huge_archives_and_pages_are_refused(monkeypatch):
    import extractors.html as html_reader
    import extractors.mht as reader

    data = archive(mime_part(PAGE.format("正文" * 5000).encode()), mime_part(PNG * 1000, "image/png", "base64"))
    assert texts(data) == ["正文" * 5000]
    monkeypatch.setattr(reader, "MAX_MHT_BYTES", 50_000)
    assert code_of(data) == "mht_too_large"
    monkeypatch.undo()
    monkeypatch.setattr(html_reader, "MAX_HTML_BYTES", 10_000)
    assert code_of(data) == "html_too_large"  # the page part itself, as for a saved page


# --- sniffing and the batch ---------------------------------------------------------------

def sniffed(data: bytes) -> str | None:
    fmt = detect(data)
    return fmt.name if fmt else None


def test_content_decides_the_format():
    assert {sniffed((WEB / "mht" / a).read_bytes()) for a in ARCHIVES} == {"mht"}
    word = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01D"\r\n\r\n'
    assert sniffed(word) == "mht"  # Word's "single file web page" starts so
    assert sniffed(b"Content-Type: multipart/related; boundary=B\r\n\r\n--B") is None  # no MIME-Version
    assert sniffed(b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n") is None  # an e-mail
    assert sniffed(b"MIME-Version: 1.0\r\nContent-Type: text/html\r\n") is None  # no blank line: no header block
    assert sniffed(b"\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n") is None  # no header first
    assert sniffed(b"MIME-Version: 1.0\r\nContent-Type: text/htmlx\r\n\r\n") is None
    assert sniffed(b"MIME-Version: 1.0\r\nnot a header\r\nContent-Type: text/html\r\n\r\n") is None


def test_build_reads_archives_by_content(tmp_path):
    """Both suffixes, any case, are picked up; content decides the reader, so a
    page saved under .mht is read as a page and an archive under .html as an archive."""
    source = tmp_path / "in"
    source.mkdir()
    chrome = (WEB / "mht" / "台山-政务公开工作任务.gbk.chrome.mhtml").read_bytes()
    ie = (WEB / "mht" / "江门-政府信息公开工作任务.ie.mht").read_bytes()
    (source / "ts.mhtml").write_bytes(chrome)
    (source / "jm.MHT").write_bytes(ie)
    (source / "archive-named.html").write_bytes(chrome.replace(b"Date:", b"X-Copy: 1\r\nDate:"))
    (source / "page-named.mht").write_bytes((WEB / "site" / "台山-政务公开工作任务.gbk.html").read_bytes())
    (source / "junk.mht").write_bytes(b"\x00\x01 not a web archive")
    assert main(["build", str(source), str(tmp_path / "out"), "-j", "1", "-q"]) == EXIT_FAILED
    manifest = pd.read_parquet(tmp_path / "out" / "manifest.parquet").set_index("source_path")
    assert manifest.loc["junk.mht", "error_code"] == "unsupported_format"
    ok = manifest.drop(index="junk.mht")
    assert set(ok.status) == {"ok"}
    assert ok.source_format.to_dict() == {"ts.mhtml": "mht", "jm.MHT": "mht", "archive-named.html": "mht",
                                          "page-named.mht": "html"}
    assert ok.n_tasks.to_dict() == {"ts.mhtml": 5, "jm.MHT": 10, "archive-named.html": 5, "page-named.mht": 5}
