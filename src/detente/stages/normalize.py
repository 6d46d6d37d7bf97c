"""Stage 0: text normalisation.

Reads: the text a reader extracted. Adds: the stored text, which every
character offset in every record indexes, and which ``sha256`` hashes.

It runs inside :meth:`detente.article.Article.create`, before anything else,
because the article's id and de-duplication depend on the stored text. What it
does, and why:

- Unicode NFC, so that "é" is one code point whichever way the source wrote it.
  Not NFKC: that would turn "…" into "..." and curly quotes' neighbours into
  other characters, and quotes are evidence.
- Line endings become ``\\n``; a byte-order mark and zero-width characters
  (U+200B..U+200D, U+2060, U+FEFF) go; no-break and other Unicode spaces become
  a plain space. They confuse tokenisation and carry no meaning.
- Control characters other than ``\\n`` and ``\\t`` go (they survive in scraped
  text and break JSON consumers).
- Trailing spaces on each line go, runs of spaces inside a line become one,
  more than one blank line becomes one, and the text is stripped.
  Paragraphs (blank-line separated) are kept: later stages use them.
"""

from __future__ import annotations

import re
import unicodedata

VERSION = "normalize.v1"

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
# Unicode space separators (Zs) other than the ASCII space, plus tabs inside lines.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INLINE_RUNS = re.compile(r"[ \t]{2,}")
_TRAILING = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n\s*\n(\s*\n)+")


def normalize_text(text: str) -> str:
    """Return the text as detente stores it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_ZERO_WIDTH)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = _INLINE_RUNS.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()
