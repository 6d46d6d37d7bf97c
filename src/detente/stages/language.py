"""Stage: language identification.

Reads: ``text`` (and the input's declared language, if any).
Adds: ``language`` — ``article.language`` (ISO 639-1 or None) and
``article.language_confidence``; an ``error`` record (code ``language``) for
an article outside ``settings.languages``, which makes later English stages
skip it.

Three tests, in this order (:func:`judge`):

1. **Script.** When most letters of the text are in a script that none of
   ``settings.languages`` is written in (Han, Arabic, Cyrillic, Greek,
   Devanagari ... for English), the text is not ours, however unsure the
   identifier is: it spreads its probability over Chinese and Wu, or over
   Arabic and its dialects, but a script is a fact of the characters. This
   test holds at any length.
2. **Short texts** (under ``language_min_chars``) fall back to the declared
   language or stay unknown, and the English pipeline runs.
3. **The identifier.** py3langid (a maintained fork of langid.py, model
   shipped in the package) with normalised probabilities. A text is another
   language when the identifier is at least ``language_min_confidence`` sure
   of that language. On a text of at least :data:`RELIABLE_LETTERS`
   letters it is also not ours when the identifier is that sure it is
   *none of ours*, even if it cannot say which language it is (Croatian
   against Bosnian, Indonesian against Malay): the probability left to our
   languages is at most ``1 - language_min_confidence``. Such a text gets
   ``language: null`` and an error saying the language is unknown. When the
   identifier is unsure, the input's declared language is trusted.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..article import Article
from ..errors import LanguageError
from ..records import ErrorRecord
from ..settings import Settings

NAME = "language.v1"

# Language names for error messages (the common cases; others show the code).
_NAMES = {
    "ar": "Arabic", "bs": "Bosnian", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fa": "Persian", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "ms": "Malay", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ru": "Russian", "sr": "Serbian", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip

# Characters of text fed to the identifier and the script count. The
# identifier's accuracy is flat beyond a few hundred characters and the cost
# grows with length.
_SAMPLE_CHARS = 4000

# From this many letters on, the identifier's probabilities are trusted
# enough to call a text "none of our languages" without naming which one.
# Letters, not characters: digits, punctuation and spaces tell the
# identifier nothing ("Elections in 1901, 1902, ..." is 10,000 characters
# and 22 letters). Calibrated on 673 English texts (the JSONL, text, HTML,
# feed and WARC fixtures that tests/test_language.py names, examples/, and
# the 120 MEANTIME articles), cut after 60, 80, 100, 120, 150 and 200
# letters: English is not the identifier's first choice on some prefixes of
# up to 100 letters (lists of names: "US House Speaker Nancy Pelosi met
# Taiwanese President Tsai Ing-wen"), and the probability it leaves English
# falls to 0.04 at 60 and 0.18 at 100 letters; from 120 letters on, English
# is always first, and at 200 never below 0.81, far above the 0.1 that the
# default language_min_confidence (0.9) leaves. The Croatian and Indonesian
# fixtures (456 and 435 letters; hr 0.54/bs 0.46, id 0.89/ms 0.11) leave
# English < 0.001. tests/test_language.py keeps this calibration checked.
RELIABLE_LETTERS = 200

# A text is in a script of ours when at least this share of its letters is.
# A majority: the 673 English texts above are all 100% Latin, an English
# report quoting Russian, Chinese and Arabic words (tests/fixtures/lang/
# mixed-english.txt) is 92% Latin, and the Chinese, Arabic, Russian, Greek
# and Hindi fixtures are 0% Latin; a foreign text full of Latin acronyms and
# names stays far below one half.
_SCRIPT_MAJORITY = 0.5

# Scripts (the first word of a letter's Unicode name) of the languages not
# written in Latin; every other language is taken as Latin-script.
_SCRIPTS: dict[str, frozenset[str]] = {
    code: frozenset(scripts.split())
    for codes, scripts in (
        ("ar fa ur ps ug sd ary arz", "ARABIC"),
        ("ru uk bg be mk kk ky mn tg tt ba", "CYRILLIC"),
        ("sr", "CYRILLIC LATIN"),
        ("el grc", "GREEK"), ("he yi hbo", "HEBREW"),
        ("zh wuu yue", "CJK"), ("ja", "CJK HIRAGANA KATAKANA"), ("ko", "HANGUL CJK"),
        ("hi mr ne sa gom", "DEVANAGARI"), ("bn as", "BENGALI"), ("ta", "TAMIL"), ("te", "TELUGU"),
        ("kn", "KANNADA"), ("ml", "MALAYALAM"), ("gu", "GUJARATI"), ("pa", "GURMUKHI"), ("or", "ORIYA"),
        ("si", "SINHALA"), ("th", "THAI"), ("lo", "LAO"), ("km", "KHMER"), ("my", "MYANMAR"),
        ("ka", "GEORGIAN"), ("hy", "ARMENIAN"), ("am", "ETHIOPIC"), ("dz", "TIBETAN"),
    )
    for code in codes.split()
}  # fmt: skip
_LATIN = frozenset({"LATIN"})
# How the scripts are named in messages (others: the Unicode word, capitalised).
_SCRIPT_NAMES = {"CJK": "Han (Chinese)", "HANGUL": "Hangul (Korean)"}


@dataclass
class Verdict:
    """What :func:`judge` decided: the language (None: unknown), the
    identifier's probability, and why the text is not ours (None: it is)."""

    language: str | None
    confidence: float | None
    problem: str | None = None


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) for a text."""
    lang, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(lang), float(prob)


def share_of(text: str, languages: tuple[str, ...]) -> float:
    """The identifier's probability that ``text`` is in one of ``languages``."""
    return float(sum(prob for lang, prob in _identifier().rank(text[:_SAMPLE_CHARS]) if lang in languages))


@cache
def script_of(char: str) -> str:
    """The script of a letter: the first word of its Unicode name ("LATIN",
    "CYRILLIC", "CJK" ...), "LATIN" for any Latin letter however wide."""
    words = unicodedata.name(char, "UNKNOWN").split()
    if "LATIN" in words:
        return "LATIN"
    return words[1] if words[0] in ("FULLWIDTH", "HALFWIDTH") and len(words) > 1 else words[0]


def scripts_of(language: str) -> frozenset[str]:
    return _SCRIPTS.get(language, _LATIN)


def script_counts(text: str) -> Counter[str]:
    """Letters per script in the sample the identifier sees."""
    return Counter(script_of(ch) for ch in text[:_SAMPLE_CHARS] if ch.isalpha())


def judge(text: str, declared: str | None, languages: tuple[str, ...], min_confidence: float,
          min_chars: int) -> Verdict:
    """The language of a text and, when it is none of ``languages``, why
    (see the module doc for the three tests)."""
    counts = script_counts(text)
    verdict = _by_script(text, counts, languages)
    if verdict is not None:
        return verdict
    if len(text) < min_chars:
        return _declared(declared, None, languages)
    lang, prob = identify(text)
    if lang in languages or prob >= min_confidence:
        return _declared(lang, prob, languages)
    if declared is None and sum(counts.values()) >= RELIABLE_LETTERS \
            and (ours := share_of(text, languages)) <= 1.0 - min_confidence:
        return Verdict(None, prob, (
            f"the language of the text could not be identified: it is not {_wanted(languages)} (the identifier "
            f"gives that a probability of {ours:.3f}), and its best guess, {_name(lang)} ({lang}), has a "
            f"probability of only {prob:.2f}; no records were extracted (if the text is in "
            f"{_wanted(languages)}, say so in the input: a 'language' field in JSON Lines, <html lang> in HTML; "
            f"otherwise translate it, or add its language to the 'languages' setting with a model for it)"))
    # Unsure and not one of ours: trust the page's own word if it gives one,
    # otherwise the language is unknown and the English pipeline runs.
    return _declared(declared, prob, languages)


def _by_script(text: str, counts: Counter[str], languages: tuple[str, ...]) -> Verdict | None:
    """A verdict when most letters (``counts``, per script) are in scripts
    none of ``languages`` is written in; None when the script says nothing
    against them."""
    letters = sum(counts.values())
    ours = frozenset().union(*(scripts_of(code) for code in languages))
    if not letters or sum(counts[s] for s in ours) >= _SCRIPT_MAJORITY * letters:
        return None
    script, n = next((s, n) for s, n in counts.most_common() if s not in ours)
    lang, prob = identify(text)
    # The identifier's guess stands when it is written in that script ("zh"
    # for Han); otherwise the language is unknown and the script says why.
    language, confidence = (lang, prob) if script in scripts_of(lang) else (None, None)
    guess = f"; the identifier's guess is {_name(lang)} ({lang}), probability {prob:.2f}" if language else ""
    name = _SCRIPT_NAMES.get(script, script.capitalize())
    return Verdict(language, confidence, (
        f"the text is written in {name} script ({n / letters:.0%} of its letters{guess}), and detente "
        f"extracts from {_wanted(languages)} only; the article is stored but no records "
        f"were extracted (translate it, or add the language to the 'languages' setting with a model for it)"))


def _declared(language: str | None, confidence: float | None, languages: tuple[str, ...]) -> Verdict:
    """A known (or unknown: None) language, with the error when it is not ours."""
    if language is None or language in languages:
        return Verdict(language, confidence)
    return Verdict(language, confidence, (
        f"the text is in {_name(language)} ({language}), and detente extracts from {_wanted(languages)} "
        f"only; the article is stored with its language but no records were extracted (translate it, "
        f"or add the language to the 'languages' setting with a model for it)"))


def _name(code: str) -> str:
    return _NAMES.get(code, code)


def _wanted(languages: tuple[str, ...]) -> str:
    return ", ".join(_name(code) for code in languages)


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
        verdict = judge(article.text, declared, self.languages, self.min_confidence, self.min_chars)
        article.language, article.language_confidence = verdict.language, verdict.confidence
        if verdict.problem is not None:
            error = LanguageError(article.ref, verdict.problem)
            article.errors.append(ErrorRecord.from_error(error, stage=self.name, article_id=article.id))
