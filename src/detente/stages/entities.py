"""Stage: named-entity mentions.

Reads: ``doc``, ``sentences``. Adds: ``mentions`` — one ``mention`` record per
entity the spaCy model tags (PERSON, ORG, GPE, NORP, LOC, DATE, ...), with its
offsets and the index of its sentence. The actors, places and time stages
build on these.
"""

from __future__ import annotations

from bisect import bisect_right

from ..article import Article
from ..nlp import stored
from ..records import MentionRecord
from ..settings import Settings

NAME = "entities.v1"


class Entities:
    name = NAME
    requires = frozenset({"doc", "sentences"})
    provides = frozenset({"mentions"})

    def __init__(self, settings: Settings | None = None) -> None:
        """No setting applies; taken as every stage takes it (Pipeline.default)."""

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if article.doc is None:
                continue
            starts = [s.start for s in article.sentences]
            for n, ent in enumerate(article.doc.ents):
                article.records.append(
                    MentionRecord(
                        id=f"{article.id}-m{n}",
                        article_id=article.id,
                        text=stored(ent),
                        start=ent.start_char,
                        end=ent.end_char,
                        label=ent.label_,
                        sentence=max(bisect_right(starts, ent.start_char) - 1, 0),
                        stage=NAME,
                    )
                )
