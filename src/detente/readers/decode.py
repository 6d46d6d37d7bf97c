"""Bytes to text, or a clear reason why not.

Order of checks: empty input; known binary formats by their magic numbers
(a PDF, an image, an archive: each gets its own advice); the share of NUL
and control bytes; then the encoding: a byte-order mark, strict UTF-8, the encoding the
input declares, and finally charset-normalizer's detection. Text whose
decoding has too many control characters is called binary.

The rule for binary is a share, not a presence: a NUL byte or a few control
bytes in otherwise good text (a stray byte from a copy, a bad export) do not
make it binary. Over ``_MAX_CONTROL_SHARE`` of the first 8 KiB it is binary;
below, the stray characters are dropped by normalisation (logged as a
warning, so nobody is surprised that the stored text lacks them).
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from ..errors import BinaryInputError, EmptyInputError, EncodingError

log = logging.getLogger(__name__)

# Magic numbers of formats people feed to text tools by mistake.
_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF document; convert it to text first (for example with pdftotext) and give detente the .txt"),
    (b"\x89PNG", "a PNG image, not an article"),
    (b"\xff\xd8\xff", "a JPEG image, not an article"),
    (b"GIF8", "a GIF image, not an article"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file); unpack it or save the article as text or HTML"),
    (b"\x7fELF", "a program (ELF executable), not an article"),
    (b"SQLite format 3\x00", "an SQLite database; to read stored records use 'detente export'"),
]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Share of control characters (NUL included) above which "text" is really
# binary. Real text has almost none (tabs and newlines excluded); random
# bytes decoded as a single-byte code page have about 12%, and UTF-16 or
# UTF-32 without a byte-order mark (which detente does not guess) 25-75% NULs.
_MAX_CONTROL_SHARE = 0.05
_SAMPLE = 8192
# Bytes that are control characters in ASCII, UTF-8 and every single-byte
# code page (tab, newlines and form feed aside; ESC too, which ISO-2022
# encodings use to switch character sets).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
# The control characters normalisation drops (tab, newlines, form feed aside).
_STRAY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff_binary(data: bytes, ref: str) -> None:
    """Raise BinaryInputError for bytes that are plainly not text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(ref, f"this is {what}")
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16 and UTF-32 are full of NUL bytes
    head = data[:_SAMPLE]
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if control > _MAX_CONTROL_SHARE * len(head):
        raise BinaryInputError(
            ref,
            f"this looks like a binary file ({control / len(head):.0%} of its first bytes are "
            "NUL or control bytes, which text has almost none of); detente reads plain text, "
            "HTML, JSON Lines, RSS/Atom and WARC",
        )


def decode(data: bytes, ref: str, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if not data:
        raise EmptyInputError(ref, "the input is empty (0 bytes)")
    sniff_binary(data, ref)
    text, encoding = _decode(data, ref, declared)
    if not text.strip():
        raise EmptyInputError(ref, "the input holds only white space, no text")
    control = sum(1 for ch in text[:_SAMPLE] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > _MAX_CONTROL_SHARE * min(len(text), _SAMPLE):
        raise BinaryInputError(
            ref, "this looks like a binary file, not text (it is full of control characters)"
        )
    stray = len(_STRAY.findall(text))
    if stray:
        log.warning("%s: %d NUL or control character(s) in the text are dropped", ref, stray)
    return text, encoding


def _decode(data: bytes, ref: str, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    ref, f"the file starts with a {encoding} byte-order mark but is not valid "
                    f"{encoding} ({exc.reason} at byte {exc.start}); re-save it as UTF-8",
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise EncodingError(
            ref,
            "the text is not UTF-8 and its encoding could not be recognised; convert it "
            "to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8 FILE)",
        )
    return str(best), best.encoding
