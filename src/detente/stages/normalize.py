"""Stage 0: text normalisation.

Reads: the text a reader extracted. Adds: the stored text, which every
character offset in every record indexes, and which ``sha256`` hashes.

It runs inside :meth:`detente.article.Article.create`, before anything else,
because the article's id and de-duplication depend on the stored text. The
function itself lives in :mod:`detente.text`, below both the readers and the
stages, so that readers and the article need not import the stages package;
its docstring says what normalisation does and why.
"""

from __future__ import annotations

from ..text import normalize_text

VERSION = "normalize.v1"

__all__ = ["VERSION", "normalize_text"]
