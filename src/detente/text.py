"""Text as detente stores it: :func:`normalize_text` (stage 0).

This module sits below both the readers and the stages (it imports neither):
readers and :meth:`detente.article.Article.create` build the stored text with
it, and ``stages/normalize.py`` names it as the pipeline's stage 0.

The stored text is what every character offset in every record indexes, and
what ``sha256`` hashes; the article's id and de-duplication depend on it, so
it is made before anything else. What normalisation does, and why:

- Unicode NFC, so that "é" is one code point whichever way the source wrote it.
  Not NFKC: that would turn "…" into "..." and curly quotes' neighbours into
  other characters, and quotes are evidence.
- A lone surrogate (U+D800..U+DFFF not in a pair, which JSON's ``"\\ud800"``
  escape can carry, usually half of an emoji cut by its producer) becomes
  U+FFFD, Unicode's replacement character: the text can then be encoded,
  hashed and stored. Rejecting the whole article for half a character would
  lose it; :meth:`~detente.article.Article.create` logs a warning naming the
  input (see :func:`lone_surrogates`), and a text that is mostly
  replacement characters is still refused by the readers as damaged.
- Line endings become ``\\n``; a byte-order mark and zero-width characters
  (U+200B..U+200D, U+2060, U+FEFF) go; no-break and other Unicode spaces become
  a plain space. They confuse tokenisation and carry no meaning.
- Control characters other than ``\\n`` and ``\\t`` go, NUL included (they
  survive in scraped text and break JSON consumers).
- Trailing spaces on each line go, runs of spaces inside a line become one,
  more than one blank line becomes one, and the text is stripped.
  Paragraphs (blank-line separated) are kept: later stages use them.
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
# Unicode space separators (Zs) other than the ASCII space, plus tabs inside lines.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INLINE_RUNS = re.compile(r"[ \t]{2,}")
_TRAILING = re.compile(r"[ \t]+\n")
_BLANK_RUNS = re.compile(r"\n\s*\n(\s*\n)+")
# Python keeps a surrogate pair written as two escapes ("\ud83d\ude00") as two
# lone surrogates; a pair is joined into its character first, so only true
# halves are replaced.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")


def lone_surrogates(text: str) -> int:
    """How many lone surrogates (halves of a UTF-16 pair) ``text`` holds."""
    return len(_SURROGATE.findall(_join_pairs(text))) if _SURROGATE.search(text) else 0


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, so that it can
    be encoded as UTF-8 (for names and ids that are not normalised)."""
    if _SURROGATE.search(text):
        return _SURROGATE.sub("\ufffd", _join_pairs(text))
    return text


def normalize_text(text: str) -> str:
    """Return the text as detente stores it."""
    text = valid_unicode(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_ZERO_WIDTH)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = _INLINE_RUNS.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def _join_pairs(text: str) -> str:
    return _PAIR.sub(lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"),
                     text)


__all__ = ["lone_surrogates", "normalize_text", "valid_unicode"]
