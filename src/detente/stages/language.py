"""Stage: language identification.

Reads: ``text`` (and the input's declared language, if any).
Adds: ``language`` — ``article.language`` (ISO 639-1 or None) and
``article.language_confidence``; an ``error`` record (code ``language``) for
an article outside ``settings.languages``, which makes later English stages
skip it.

py3langid (a maintained fork of langid.py, model shipped in the package) is
used with normalised probabilities. A text is called "not English" only when
the identifier is at least ``language_min_confidence`` sure; shorter texts than
``language_min_chars`` fall back to the declared language or stay unknown.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..article import Article
from ..errors import LanguageError
from ..records import ErrorRecord
from ..settings import Settings

NAME = "language.v1"

# Language names for error messages (the common cases; others show the code).
_NAMES = {
    "ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French",
    "it": "Italian", "ja": "Japanese", "nl": "Dutch", "pl": "Polish", "pt": "Portuguese",
    "ru": "Russian", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip

# Characters of text fed to the identifier. Its accuracy is flat beyond a few
# hundred characters and the cost grows with length.
_SAMPLE_CHARS = 4000


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) for a text."""
    lang, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(lang), float(prob)


class DetectLanguage:
    name = NAME
    requires = frozenset({"text"})
    provides = frozenset({"language"})

    def __init__(self, settings: Settings) -> None:
        self.languages = settings.languages
        self.min_confidence = settings.language_min_confidence
        self.min_chars = settings.language_min_chars

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            self.detect(article)

    def detect(self, article: Article) -> None:
        declared = (article.declared_language or "")[:2].lower() or None
        if len(article.text) < self.min_chars:
            article.language, article.language_confidence = declared, None
        else:
            lang, prob = identify(article.text)
            if lang in self.languages or prob >= self.min_confidence:
                article.language, article.language_confidence = lang, prob
            else:
                # Unsure and not one of ours: trust the page's own word if it
                # gives one, otherwise the language is unknown.
                article.language, article.language_confidence = declared, prob
        if article.language is not None and article.language not in self.languages:
            name = _NAMES.get(article.language, article.language)
            wanted = ", ".join(_NAMES.get(code, code) for code in self.languages)
            error = LanguageError(
                article.ref,
                f"the text is in {name} ({article.language}), and detente extracts from "
                f"{wanted} only; the article is stored with its language but no records were "
                f"extracted (translate it, or add the language to the 'languages' setting "
                f"with a model for it)",
            )
            article.errors.append(ErrorRecord.from_error(error, stage=self.name, article_id=article.id))
