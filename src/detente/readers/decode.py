"""Bytes to text, or a clear reason why not.

Order of checks: empty input; known binary formats by their magic numbers
(a PDF, an image, an archive: each gets its own advice); NUL bytes; then the
encoding: a byte-order mark, strict UTF-8, the encoding the input declares,
and finally charset-normalizer's detection. Text whose decoding is mostly
control characters is called binary.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from ..errors import BinaryInputError, EmptyInputError, EncodingError

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

# Share of control characters above which decoded "text" is really binary.
# Real text has almost none (tabs and newlines excluded); random bytes decoded
# as a single-byte code page have about 12%.
_MAX_CONTROL_SHARE = 0.05


def sniff_binary(data: bytes, ref: str) -> None:
    """Raise BinaryInputError for bytes that are plainly not text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(ref, f"this is {what}")
    head = data[:8192]
    if b"\x00" in head and not any(data.startswith(bom) for bom, _ in _BOMS):
        raise BinaryInputError(
            ref,
            "this looks like a binary file (it contains NUL bytes); detente reads plain "
            "text, HTML, JSON Lines, RSS/Atom and WARC",
        )


def decode(data: bytes, ref: str, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if not data:
        raise EmptyInputError(ref, "the input is empty (0 bytes)")
    sniff_binary(data, ref)
    text, encoding = _decode(data, ref, declared)
    if not text.strip():
        raise EmptyInputError(ref, "the input holds only white space, no text")
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > _MAX_CONTROL_SHARE * min(len(text), 8192):
        raise BinaryInputError(
            ref, "this looks like a binary file, not text (it is full of control characters)"
        )
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
