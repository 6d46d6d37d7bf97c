"""Stage: spaCy annotation and sentences.

Reads: ``text``, ``language``. Adds: ``doc`` (the spaCy ``Doc`` of the stored
text with line breaks inside paragraphs read as spaces, ``nlp.unwrap``: the
same length, so token offsets are record offsets) and ``sentences`` (spans with
surrounding white space trimmed).

Articles run through ``nlp.pipe`` a batch at a time; articles already marked
as skipped (another language) are not parsed.
"""

from __future__ import annotations

from ..article import Article
from ..nlp import load_model, unwrap
from ..records import Span
from ..settings import Settings

NAME = "annotate.v1"


class Annotate:
    name = NAME
    requires = frozenset({"text", "language"})
    provides = frozenset({"doc", "sentences"})

    def __init__(self, settings: Settings) -> None:
        self.nlp = load_model(settings.model)
        self.batch_size = settings.batch_size

    def __call__(self, articles: list[Article]) -> None:
        todo = [a for a in articles if not a.skipped]
        # The parser reads line breaks inside paragraphs as spaces (hard-wrapped
        # copy); the stored text, with its line breaks, stays the text every
        # record's offsets and ``text`` refer to (nlp.text_of).
        for article, doc in zip(
            todo, self.nlp.pipe((unwrap(a.text) for a in todo), batch_size=self.batch_size), strict=True
        ):
            doc.user_data["detente.text"] = article.text
            article.doc = doc
            article.sentences = [_trimmed(sent.start_char, sent.end_char, article.text)
                                 for sent in doc.sents if sent.text.strip()]


def _trimmed(start: int, end: int, text: str) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
