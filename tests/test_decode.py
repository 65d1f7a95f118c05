"""Text decoding: encodings, BOMs, fallback, line endings, binary and undecodable bytes."""

from __future__ import annotations

import pytest

import qlr
from qlr._decode import decode_bytes
from qlr.errors import BinaryFileError, DecodingError, DecodingFallbackWarning, QlrError

TEXT = "Interviewer: How's things?\nAsha: Grand — café at 3, naïve of me.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    text, found = decode_bytes(data, "x.txt")
    assert text == TEXT
    assert found == encoding
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(newline):
    text, _ = decode_bytes(TEXT.replace("\n", newline).encode("utf-8"), "x.txt")
    assert text == TEXT


def test_cp1252_fallback_warns_naming_the_file_and_line():
    data = "line one\nIt cost \u00a35 \u2014 fair.\n".encode("cp1252")
    with pytest.warns(DecodingFallbackWarning, match=r"old\.txt:2: not valid UTF-8"):
        text, encoding = decode_bytes(data, "old.txt")
    assert encoding == "cp1252"
    assert text == "line one\nIt cost \u00a35 \u2014 fair.\n"


def test_undecodable_bytes_name_file_and_line():
    # 0x81 is undefined in Windows-1252 and invalid as a UTF-8 start byte.
    data = b"ok\nok\nbad \x81 byte\n"
    with pytest.raises(DecodingError, match=r"weird\.txt:3: byte 0x81 at byte 10") as info:
        decode_bytes(data, "weird.txt")
    assert isinstance(info.value, ValueError) and isinstance(info.value, QlrError)
    assert "UTF-8" in str(info.value)


def test_binary_file_with_text_extension(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryFileError, match=r"photo\.txt:\d+: the file holds binary data") as info:
        qlr.load(path)
    assert "Fix:" in str(info.value)


def test_utf16_without_bom_is_reported_as_binary_with_a_hint():
    data = TEXT.encode("utf-16-le")
    with pytest.raises(BinaryFileError, match="UTF-16 text save it as UTF-8"):
        decode_bytes(data, "nobom.txt")


def test_broken_utf16_after_bom():
    data = b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    with pytest.raises(DecodingError, match="byte-order mark"):
        decode_bytes(data, "half.txt")
