"""Stage: times — every date in an article, resolved against its publication date.

Reads: ``doc`` (tokens, entities, parse) and ``published``. Adds: ``time``
records (``value`` ISO 8601 at the expression's precision, ``granularity``,
``warning``), with detente's extension ``timex``: the TIMEX3 value, which
also says what ISO dates cannot ("2022-01-11TEV" for Tuesday evening,
"2006-Q4", "PRESENT_REF").

**Which expressions.** spaCy's DATE and TIME entities, plus weekdays,
months and years it missed after a preposition; a weekday and the date
beside it ("Monday (12 January)") are one expression. Durations ("for
three days", "two years"), ages and frequencies are not dates and are left
out. Expressions that name no time at all ("the talks") are dropped.

**Values** (``normalize``), relative to the publication date (the anchor):

- explicit dates, day-month or month-year forms and years as written;
  a two-part date without a year takes the year that fits the tense of its
  governing verb, nearest the anchor ("13 January" in a 12 January 2022
  article is 2022-01-13; "in December" with a past verb is 2021-12);
- a weekday resolves by tense: past (or present perfect) → the latest such
  day on or before the anchor; future ("will", "is set to", "is expected
  to") → the next on or after it; otherwise the nearest;
- an explicit date beside a weekday wins; when the weekday is not that
  date's, the record gets a ``warning`` saying so;
- relative expressions: today, yesterday, tomorrow, this/last/next
  week/month/year, "N days/weeks/months/years/decades ago", "earlier this
  month", "the end of this week";
- decades ("the 1990s": ``199``), seasons and quarters (year value, TIMEX3
  ``2009-SU``, ``2008-Q1``), parts of days (day value, ``TMO``/``TAF``/
  ``TEV``/``TNI``), clock times (day value, ``T18:00``);
- "the eve of <a day>" is the day before it.

**Without a publication date** (archives often have none) the absolute
values above are still found and resolved: explicit dates, month-year
forms, years, decades, seasons and quarters of a given year. A relative
expression ("on Monday", "yesterday", "13 January") is still a ``time``
record, with ``value``, ``granularity`` and ``timex`` null: the contract's
unknown. A clock time takes the day its sentence names, if it names an
absolute one (TIMEX3 ``XXXX-XX-XXT18:00Z`` otherwise). The events stage
measures such an article against :func:`reference_day`.

**Cost** is linear in the number of expressions, however long the
sentence (see :class:`_Tenses`; ``bench/times_scaling.py``).

dateparser is used only to read absolute numeric forms ("7/8/07"), never to
resolve a relative or partial date: its choices (a bare "Thursday" → the
last one; ``PREFER_DATES_FROM=past`` → "13 January" a year back) are the
errors this stage exists to avoid.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.attrs import IS_DIGIT, LENGTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..article import Article
from ..dates import date_span
from ..kb.roles import words
from ..nlp import stored, text_of
from ..records import TimeRecord
from ..settings import Settings

NAME = "times.v1"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for m in names}
# Vague references: TIMEX3 values, no ISO date.
_REFS = {"now": "PRESENT_REF", "very soon": "FUTURE_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
         "at the moment": "PRESENT_REF", "nowadays": "PRESENT_REF", "recently": "PAST_REF",
         "in recent years": "PAST_REF", "recent years": "PAST_REF", "in the past": "PAST_REF", "the past": "PAST_REF",
         "in the future": "FUTURE_REF", "the future": "FUTURE_REF", "soon": "FUTURE_REF"}
NUMBERS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])} | {
    "a": 1, "an": 1, "a couple of": 2, "several": 3, "a few": 3, "few": 3, "twenty": 20, "fifteen": 15,
    "thirty": 30}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
                "tonight": "NI", "midday": "MI", "noon": "MI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
         "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade"}
# Verbs (lemmas) that point their infinitive at the future: "is set to
# meet", "are expected to voice", "plans to travel".
FUTURE_VERBS = words("""set expect schedule plan due intend aim prepare hope seek want go
    poise slate""")
FUTURE_AUX = words("will shall 'll wo")
# Words that make a number of units a duration, not a date ("for two years").
DURATION_BEFORE = words("for over within during throughout lasting last past next first")

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"((?:1[89]|20)\d\d)"
_WEEKDAY = r"(?:" + "|".join(WEEKDAYS) + r")"


@dataclass
class _Value:
    value: str | None
    granularity: str | None
    timex: str | None
    warning: str | None = None
    day: dt.date | None = None  # the day it names, when it names one


class Times:
    name = NAME
    requires = frozenset({"doc"})
    provides = frozenset({"times"})

    def __init__(self, settings: Settings) -> None:
        pass

    def __call__(self, articles: list[Article]) -> None:
        for article in articles:
            if article.doc is None:
                continue
            anchor = article.published_day
            for span, value in find_times(article.doc, anchor):
                article.records.append(TimeRecord(
                    article_id=article.id, text=stored(span), start=span.start_char, end=span.end_char,
                    value=value.value, granularity=value.granularity, warning=value.warning,
                    timex=value.timex, stage=NAME,
                ))


# -- finding expressions ---------------------------------------------------------------


def find_times(doc: Doc, anchor: dt.date | None) -> list[tuple[SpacySpan, _Value]]:
    """Each temporal expression of ``doc`` with its value (see the module doc)."""
    spans = _candidates(doc)
    # Per token, its sentence's first token and the sentence's number (Span.sent
    # walks the document each time it is asked).
    starts = [sent.start for sent in doc.sents]
    sent_of = [0] * len(doc)
    sent_index = [0] * len(doc)
    for n, first in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(doc)
        for i in range(first, end):
            sent_of[i], sent_index[i] = first, n
    tense_of = _Tenses()
    by_start = [span.start for span in spans]  # spans are sorted by start
    out: list[tuple[SpacySpan, _Value]] = []
    days: dict[int, dt.date] = {}  # sentence start → a day named in it (for "the eve of")
    pending: list[tuple[SpacySpan, bool]] = []  # an eve, and whether it holds an expression
    for k, span in enumerate(spans):
        text = span.text
        if _is_duration(span):
            continue
        tense = tense_of(span)
        if re.match(r"(?i)(the\s+)?eve\b", text):
            # The expressions inside it: those after it in start order, up to its end.
            stop = bisect_left(by_start, span.end, lo=k + 1)
            inner = [s for s in spans[k + 1:stop] if s.start > span.start and s.end <= span.end]
            day = normalize(inner[0].text, anchor, tense) if inner else None
            if day is not None and day.day is not None:
                eve = day.day - dt.timedelta(days=1)
                out.append((span, _day(eve)))
            else:
                pending.append((span, bool(inner)))
            continue
        value = _resolve(text, anchor, tense)
        if value is None:
            # "between April and June": the dates inside it.
            for m in _INNER.finditer(text):
                part = span.doc.char_span(span.start_char + m.start(), span.start_char + m.end(),
                                          alignment_mode="expand")
                found = _resolve(part.text, anchor, tense) if part is not None else None
                if part is not None and found is not None and len(part) < len(span):
                    out.append((part, found))
            continue
        if value.day is not None and "T" not in (value.timex or "")[10:11]:
            days.setdefault(sent_of[span.start], value.day)
        out.append((span, value))
    # The anchor's day as a clock time carries it ("2022-01-12T18:00"); with no anchor, an unknown day.
    anchor_day = anchor.isoformat() if anchor else _UNKNOWN_DAY
    last_day: tuple[int, dt.date] | None = None  # the last day named so far: (token, day)
    for n, (span, value) in enumerate(out):
        # A clock time is on the day its sentence names ("at 18:00 UTC on
        # Tuesday"), and so is "the (same) day".
        if re.fullmatch(r"(?i)(the\s+)?(same\s+)?day", span.text):
            # The last day named before it, in its sentence or the two before.
            floor = starts[max(sent_index[span.start] - 2, 0)]
            if last_day is not None and last_day[0] >= floor:
                out[n] = (span, _day(last_day[1]))
        elif value.timex and "T" in value.timex and value.timex[:10] == anchor_day:
            on = days.get(sent_of[span.start])
            if on is not None and on != anchor:
                out[n] = (span, _Value(on.isoformat(), "day", on.isoformat() + value.timex[10:], day=on))
        named = out[n][1]
        if named.day is not None and "T" not in (named.timex or "")[10:11]:
            last_day = (out[n][0].start, named.day)
    for span, holds in pending:  # "on the eve of Wednesday's talks"
        on = days.get(sent_of[span.start])
        if on is not None:
            eve = on - dt.timedelta(days=1)
            out.append((span, _Value(eve.isoformat(), "day", eve.isoformat(), day=eve)))
        elif anchor is None and holds:
            out.append((span, _Value(None, None, None)))  # the eve of a day only the anchor could place
    return sorted(out, key=lambda x: x[0].start)


_EXTRA = re.compile(
    r"\b(?:" + _MONTH + r"\s+of\s+(?:this|last|next)\s+year"
    r"|(?:last|next|this)\s+" + _MONTH +
    r"|" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:early|mid|late)[- ](?:" + _MONTH + r"|\d{4})"
    r"|" + _MONTH + r"(?:\s+" + _DAY + r")?(?:,?\s+" + _YEAR + r")?"
    r"|(?:(?:earlier|later)\s+)?(?:today|tonight|yesterday|tomorrow)"
    r"|\d{1,2}:\d{2}\s*(?:UTC|GMT)|\d{4}\s+(?:UTC|GMT)"
    r"|(?:the\s+)?(?:this\s+)?weekend"
    r"|currently|nowadays|at present|at the moment|recently|in recent years|in the past|in the future"
    r"|now|(?:very\s+)?soon|recent years|the past"
    r"|(?:(?<=on |in |of )|(?<=for |end ))the (?:same )?day(?! (?:before|after|of|when|that|he|she|they|it)\b)"
    r"|(?:the\s+)?'?[1-9]0s"
    r"|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|(?:this|last|next)\s+(?:week|weekend|month|year)"
    r"|(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\s+ago"
    r")\b", re.IGNORECASE)


# Dates inside a longer expression: "between April and June", "from 2009 to 2011".
_INNER = re.compile(_EXTRA.pattern + r"|\b(?:1[89]|20)\d\d\b", re.IGNORECASE)
_OF_BEFORE = re.compile(
    r"(?:the\s+)?(?:(?:first|second|third|fourth|final|last)\s+quarter|(?:very\s+)?(?:beginning|start|end|"
    r"middle)|spring|summer|autumn|fall|winter|" + _MONTH + r")\s+of\s+$", re.IGNORECASE)
# Words spaCy leaves out of a DATE entity that belong to it ("this" + "year").
_LEFT = words("this last next past coming previous early late mid")


_BARE_YEAR = re.compile(r"(1[89]|20)\d\d")
_BEFORE_YEAR = frozenset(("in", "since", "by", "until", "before", "after", "from", "to", "and", "of",
                          "between", "through", "throughout", "during", "or"))


def _four_digits(doc: Doc) -> list[int]:
    """The tokens of four digits, in order: the only ones a bare year can be
    (``_BARE_YEAR``'s digits are all ``isdigit``), read from spaCy's arrays
    rather than by making a ``Token`` of every word."""
    if not len(doc):
        return []
    table = doc.to_array([IS_DIGIT, LENGTH]).tolist()
    return [i for i, (digit, length) in enumerate(table) if digit and length == 4]


def _candidates(doc: Doc) -> list[SpacySpan]:
    """DATE/TIME entities, then what they missed, then weekday + date merged."""
    spans: list[SpacySpan] = []
    taken = [False] * len(doc)
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            start = ent.start
            if start > 0 and doc[start - 1].lower_ in _LEFT and not taken[start - 1]:
                start -= 1
            # "the final quarter of" + "2009", "October of" + "next year"
            head = _OF_BEFORE.search(text_of(doc)[max(doc[start].idx - 60, 0):doc[start].idx])
            if head is not None:
                extended = doc.char_span(doc[start].idx - len(head.group()), ent.end_char,
                                         alignment_mode="expand")
                if extended is not None and not any(taken[i] for i in range(extended.start, start)):
                    start = extended.start
            span = _trim(doc[start:ent.end])
            if span is not None:
                spans.append(span)
                for i in range(span.start, span.end):
                    taken[i] = True
    for m in _EXTRA.finditer(text_of(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(taken[i] for i in range(span.start, span.end)):
            continue
        text = span.text
        word = text.split()[0].lower().rstrip(".")
        if word in MONTHS and not _month_is_date(span):
            continue
        if text.lower() in WEEKDAYS and not text[:1].isupper():
            continue
        if word in ("this", "last", "next") and text.split()[-1].rstrip(".").lower() in MONTHS \
                and not text.split()[-1][:1].isupper():
            continue  # "this may have an impact"
        spans.append(span)
        for i in range(span.start, span.end):
            taken[i] = True
    for i in _four_digits(doc):
        # A bare year after a preposition or in a list: "in 2009, 2011 and 2014".
        if taken[i] or i == 0 or not _BARE_YEAR.fullmatch(doc[i].text):
            continue
        before = doc[i - 1]
        if before.lower_ in _BEFORE_YEAR or (
                before.text == "," and i > 1 and _BARE_YEAR.fullmatch(doc[i - 2].text)):
            spans.append(doc[i:i + 1])
            taken[i] = True
    for m in re.finditer(r"\b(?:the\s+)?eve\s+of\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3}", text_of(doc),
                         re.IGNORECASE):
        # "on the eve of Wednesday NATO-Russia talks": may hold a day of its own.
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and not any(s.start == span.start for s in spans):
            spans.append(span)
    spans.sort(key=lambda s: s.start)
    return _merge_weekday_dates(doc, _merge_parts(doc, spans))


def _merge_parts(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """"Tuesday" + "evening" and "12" + "January 2022" make one expression."""
    out: list[SpacySpan] = []
    for span in spans:
        if span.start > 0 and doc[span.start - 1].like_num and doc[span.start].lower_.rstrip(".") in MONTHS \
                and not (out and out[-1].end > span.start - 1):
            span = doc[span.start - 1:span.end]
        if span.end < len(doc) and doc[span.end].text in ("UTC", "GMT") and re.search(r"\d", span.text):
            span = doc[span.start:span.end + 1]  # "14:58" + "UTC"
        if out and re.search(r"\d[:.]?\d\d\s*(UTC|GMT)?$", out[-1].text) and span.text.lower() in WEEKDAYS \
                and text_of(doc)[out[-1].end_char:span.start_char].strip() in ("", ",", "on"):
            out[-1] = doc[out[-1].start:span.end]  # "12:00 UTC Monday"
            continue
        if out and out[-1].end == span.start and span.text.lower() in PARTS_OF_DAY \
                and out[-1].text.lower() in WEEKDAYS + ("yesterday", "tomorrow", "today"):
            out[-1] = doc[out[-1].start:span.end]
            continue
        out.append(span)
    return out


def _month_is_date(span: SpacySpan) -> bool:
    """"May" is a month after "in", "since", "by", "until", "last", "early"…
    or with a day or year; otherwise more likely a verb or a name."""
    if len(span) > 1 and any(t.like_num for t in span):
        return True
    first = span[0]
    if first.lower_ == "may" and not first.text[:1].isupper():
        return False
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in ("in", "since", "by", "until", "till", "last", "next", "this", "early", "late",
                      "mid", "of", "from", "through", "before", "after", "during", "between", "and",
                      "on", "to", "for", "as", "until", "throughout")


def _trim(span: SpacySpan) -> SpacySpan | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in ")" or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    if doc[end - 1].text == ")" and "(" not in doc[start:end].text:
        end -= 1
    return doc[start:end]


def _merge_weekday_dates(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """"Monday (12 January)" and "Thursday, March 3" are one expression."""
    out: list[SpacySpan] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        if i + 1 < len(spans) and span.text.lower() in WEEKDAYS:
            nxt = spans[i + 1]
            gap = text_of(doc)[span.end_char:nxt.start_char]
            if gap.strip() in ("(", ",", "") and len(gap) <= 3 and _has_day_number(nxt.text):
                end = nxt.end
                if gap.strip() == "(" and end < len(doc) and doc[end].text == ")":
                    end += 1
                out.append(doc[span.start:end])
                i += 2
                continue
        out.append(span)
        i += 1
    return out


def _has_day_number(text: str) -> bool:
    return bool(re.search(r"\d", text)) and any(w.lower().rstrip(".") in MONTHS for w in re.findall(r"[A-Za-z.]+", text))


def _is_duration(span: SpacySpan) -> bool:
    """"two years", "for three days", "the past 24 hours", "27-year-old"."""
    low = span.text.lower()
    if re.search(r"\b(ago|earlier|later|before|after|since)\b", low) or re.fullmatch(r"the (same )?day", low):
        return False
    if re.search(r"-(year|month|week|day|hour)s?(-old)?\b", low):
        return True
    if re.search(r"\b(hours?|minutes?|seconds?)\b", low) and not re.search(r"\d[:.]\d\d|\b(a\.?m|p\.?m)\b", low):
        return True
    if re.search(r"\b(daily|weekly|monthly|annually|yearly|every|each)\b", low):
        return True
    if re.fullmatch(r"(the\s+)?((last|past|next|first|coming)\s+)?(\w+(\s|-))?(\w+\s+)?(days?|weeks?|months?|years?|decades?)", low):
        # "two years", "the past three months", "several weeks", but not "this week"/"last year"
        return not re.fullmatch(r"(the\s+)?(this|last|next|past|coming|previous)\s+(day|week|month|year|decade)", low)
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in ("for", "within", "lasting") and bool(re.search(r"\d|\b(a|an|one|two|three|several|few)\b", low))


# -- tense ------------------------------------------------------------------------------


class _Tenses:
    """The tense of the verb that governs each expression: "past",
    "future", "present" or None.

    The walk up from an expression is bounded (six heads); a verbless root
    (a mis-tag: "the crisis moves", "moves" read as a plural noun) takes the
    tense of its sentence's verbs, a walk over the whole sentence. Both a
    verb's tense (which reads its children: a list's verb may have
    thousands) and a root's are worked out once. Before, every date repeated
    the walk: N dates in one sentence cost N walks of the sentence (issue
    15: 10,000 dates, 164 s and 1 GB); now the stage is linear in the number
    of dates (bench/times_scaling.py)."""

    def __init__(self) -> None:
        self._of_root: dict[int, str | None] = {}
        self._of_verb: dict[int, str | None] = {}

    def __call__(self, span: SpacySpan) -> str | None:
        token: Token = span.root
        for _ in range(6):
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
                return self.verb(token)
            if token.head == token:
                if token.i not in self._of_root:
                    self._of_root[token.i] = self._sentence(token)
                return self._of_root[token.i]
            if token.dep_ in ("poss", "compound", "amod", "nmod") and token.head.pos_ in ("NOUN", "PROPN"):
                return None  # "Wednesday's meeting": no verb says when
            token = token.head
        return None

    def verb(self, verb: Token) -> str | None:
        if verb.i not in self._of_verb:
            self._of_verb[verb.i] = _verb_tense(verb)
        return self._of_verb[verb.i]

    def _sentence(self, root: Token) -> str | None:
        """The one tense the verbs under a root share, or None when they differ."""
        verbs = [t for t in root.subtree if t.pos_ == "VERB" and t.dep_ not in ("amod", "compound")]
        tenses = {self.verb(v) for v in verbs} - {None}
        return tenses.pop() if len(tenses) == 1 else None


def _verb_tense(verb: Token) -> str | None:
    children = list(verb.children)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return "future"
    if any(a.lower_ in ("have", "has", "had", "'ve", "’ve") for a in auxes) or verb.tag_ == "VBD" \
            or any(a.tag_ == "VBD" for a in auxes):
        # "are set to meet": the infinitive of a future verb
        if verb.tag_ == "VBD" and verb.lemma_.lower() in FUTURE_VERBS and any(c.dep_ == "xcomp" for c in children):
            return "future"
        return "past"
    # "is set to meet", "are expected to voice", "plans to travel"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in FUTURE_VERBS:
        return "future"
    if verb.lemma_.lower() in FUTURE_VERBS and any(c.dep_ == "xcomp" for c in children):
        return "future"
    if any(a.lower_ in ("is", "are", "am") for a in auxes) and verb.tag_ == "VBG":
        return "future"  # "are meeting on Monday"
    if any(a.tag_ == "TO" for a in auxes):
        if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX") and verb.head != verb \
                and verb.head.lemma_.lower() not in FUTURE_VERBS:
            return _verb_tense(verb.head)  # "opened fire to disperse them on Monday": when it was opened
        return "future"  # "an event to be held on October 12"
    if verb.tag_ in ("VBZ", "VBP", "VB"):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "advcl"):
        return "past"  # "demands laid out in December"
    return None


# -- values -----------------------------------------------------------------------------


def normalize(text: str, anchor: dt.date | None, tense: str | None = None) -> _Value | None:
    """The value of a temporal expression relative to ``anchor`` (see the
    module doc), or None when it names no time detente can place. Without an
    anchor (an article with no publication date) only what needs none has a
    value: explicit dates, month-year forms, years, decades, seasons and
    quarters of a given year, and a weekday beside such a date."""
    low = _low(text)
    # A weekday with the date beside it: the date wins.
    m = re.match(r"^(" + _WEEKDAY + r")\b[\s,(]*(.+?)\)?$", low)
    if m and _has_day_number(m.group(2)):
        value = normalize(m.group(2), anchor, tense)
        if value is not None and value.day is not None:
            named = WEEKDAYS.index(m.group(1))
            if value.day.weekday() != named:
                value.warning = (f"the text says {m.group(1).capitalize()}, but {value.day.day} "
                                 f"{value.day:%B %Y} was a {value.day:%A}; the date is kept")
            return value
    ref = _REFS.get(low)
    if ref is not None:
        return _Value(None, None, ref)
    low = re.sub(r"^(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle)\s+of\s+(?=\d{4}$)", "", low)
    if m := re.fullmatch(r"(?:the\s+)?'?([1-9])0s", low):
        return _decade(1900 + int(m.group(1)) * 10 if int(m.group(1)) > 2 else 2000 + int(m.group(1)) * 10)
    value = _absolute(low) or _season_quarter(low, anchor, tense)
    if value is not None or anchor is None:
        return value
    return _anchored(low, anchor, tense)


def _low(text: str) -> str:
    """An expression as the value rules read it: lower case, one space, no
    leading preposition or article, no possessive."""
    low = " ".join(text.lower().replace("’", "'").split())
    low = re.sub(r"(?<!\d)'s$", "", low)  # not the 's of "the 1980's"
    low = re.sub(r"^(on|in|at|by|since|from|until|till|of)\s+", "", low)
    return re.sub(r"^the\s+(?=\d|" + _WEEKDAY + "|" + _MONTH + r"\b)", "", low)


def _anchored(low: str, anchor: dt.date, tense: str | None) -> _Value | None:
    """The values that only the anchor gives: relative expressions,
    weekdays, dates without a year, clock times."""
    if re.fullmatch(r"(the\s+)?(same\s+)?day", low):
        return _day(anchor)  # "on the day": the sentence's day when it names one (find_times)
    if m := re.fullmatch(r"(" + _MONTH + r")\s+of\s+(this|last|next)\s+year", low):
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        return _month(year, MONTHS[m.group(1).rstrip(".")])
    if re.fullmatch(r"(?:the\s+)?(?:(?:very\s+)?(?:beginning|start|end|middle|rest)\s+of\s+)?(?:the|this)\s+year", low):
        return _year(anchor.year)
    part = next((code for word, code in PARTS_OF_DAY.items() if re.search(rf"\b{word}\b", low)), None)
    return (_relative(low, anchor, tense, part) or _weekday(low, anchor, tense, part)
            or _partial(low, anchor, tense) or _clock(low, anchor))


# Any day serves to ask whether an expression names a time at all when the
# article has no anchor: its value needs the anchor exactly when it has one
# with this day and none without a day.
_PROBE = dt.date(2001, 6, 15)
# The TIMEX3 form of a day that is not known (a clock time in an undated
# article): "XXXX-XX-XXT18:00Z".
_UNKNOWN_DAY = "XXXX-XX-XX"


def _resolve(text: str, anchor: dt.date | None, tense: str | None) -> _Value | None:
    """:func:`normalize`, and, without an anchor, an unresolved value (all
    null, as the record contract has unknown values) for an expression that
    names a time only an anchor can place ("on Monday", "yesterday"): it is
    still a time of the article, and its text and offsets are known."""
    value = normalize(text, anchor, tense)
    if value is not None or anchor is not None:
        return value
    probe = normalize(text, _PROBE, tense)
    if probe is None:
        return None
    low = _low(text)
    clock = _clock(low, _PROBE) if probe.timex and probe.timex[:10] == _PROBE.isoformat() else None
    if clock is not None and clock.timex is not None:
        # A clock time: on the day its sentence names, if it names one (find_times).
        return _Value(None, None, _UNKNOWN_DAY + clock.timex[10:])
    return _Value(None, None, None)


def _day(d: dt.date, part: str | None = None) -> _Value:
    return _Value(d.isoformat(), "day", d.isoformat() + (f"T{part}" if part else ""), day=d)


def _month(year: int, month: int) -> _Value:
    v = f"{year:04d}-{month:02d}"
    return _Value(v, "month", v)


def _year(year: int) -> _Value:
    return _Value(f"{year:04d}", "year", f"{year:04d}")


def _week(d: dt.date, weekend: bool = False) -> _Value:
    year, week, _ = d.isocalendar()
    v = f"{year}-W{week:02d}"
    return _Value(v, "week", v + ("-WE" if weekend else ""))


def _decade(year: int) -> _Value:
    v = f"{year // 10:03d}"
    return _Value(v, "decade", v)


def _absolute(low: str) -> _Value | None:
    """Fully specified dates, month-year forms, years and decades."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low):
        return _safe_day(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := re.fullmatch(_DAY + r"(?:\s+of)?\s+(" + _MONTH + r"),?\s+" + _YEAR, low):
        return _safe_day(int(m.group(3)), MONTHS[m.group(2).rstrip(".")], int(m.group(1)))
    if m := re.fullmatch(r"(" + _MONTH + r")\s+" + _DAY + r",?\s+" + _YEAR, low):
        return _safe_day(int(m.group(3)), MONTHS[m.group(1).rstrip(".")], int(m.group(2)))
    if m := re.fullmatch(r"(?:(?:early|mid|late|the end of|the beginning of|the start of)[- ]?)?(" + _MONTH
                         + r"),?\s+(?:of\s+)?" + _YEAR, low):
        return _month(int(m.group(2)), MONTHS[m.group(1).rstrip(".")])
    if m := re.fullmatch(r"(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of)"
                         r"[- ]?)?(?:the year\s+)?" + _YEAR, low):
        return _year(int(m.group(1)))
    if m := re.fullmatch(r"(?:the\s+)?(?:early|mid|late)?[- ]?((?:1[89]|20)\d)0'?s", low):
        return _Value(m.group(1), "decade", m.group(1))
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", low):
        import dateparser  # absolute numeric dates only

        parsed = dateparser.parse(low, settings={"DATE_ORDER": "MDY", "STRICT_PARSING": True})
        return _day(parsed.date()) if parsed else None
    return None


def _safe_day(year: int, month: int, day: int) -> _Value | None:
    try:
        return _day(dt.date(year, month, day))
    except ValueError:
        return None


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _relative(low: str, anchor: dt.date, tense: str | None, part: str | None) -> _Value | None:
    low = re.sub(r"^(earlier|later)\s+(?=today|tonight)", "", low)
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening", "today's"):
        return _day(anchor, part if low != "today" else None)
    if re.fullmatch(r"(the\s+|this\s+)?weekend", low):
        return _week(anchor, weekend=True)
    if re.fullmatch(r"yesterday(\s+\w+)?", low):
        return _day(anchor - dt.timedelta(days=1), part)
    if re.fullmatch(r"tomorrow(\s+\w+)?", low):
        return _day(anchor + dt.timedelta(days=1), part)
    if m := re.fullmatch(r"(?:(?:earlier|later|the end of|the start of|the beginning of|the middle of|"
                         r"the rest of|(?:at\s+)?the end of)\s+)?(this|last|next|the past|the previous|"
                         r"the coming|the following)\s+(week|weekend|month|year|decade)", low):
        which, unit = m.groups()
        step = {"this": 0, "last": -1, "the past": -1, "the previous": -1, "next": 1, "the coming": 1,
                "the following": 1}[which]

        return _shift(anchor, unit, step)
    if m := re.fullmatch(r"(?:about\s+|some\s+|nearly\s+|almost\s+|more than\s+)?(\d+|[a-z]+(?: (?:couple|few) of)?)"
                         r"\s+(days?|weeks?|months?|years?|decades?)\s+(ago|earlier|before)", low):
        n = _count(m.group(1))
        if n is None:
            return None
        return _shift(anchor, UNITS[m.group(2)], -n)
    if m := re.fullmatch(r"(?:in\s+)?(\d+|[a-z]+)\s+(days?|weeks?|months?|years?)'? time", low):
        n = _count(m.group(1))
        return _shift(anchor, UNITS[m.group(2)], n) if n is not None else None
    return None


def _shift(anchor: dt.date, unit: str, step: int) -> _Value:
    if unit == "day":
        return _day(anchor + dt.timedelta(days=step))
    if unit in ("week", "weekend"):
        return _week(anchor + dt.timedelta(weeks=step), weekend=unit == "weekend")
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return _month(index // 12, index % 12 + 1)
    if unit == "year":
        return _year(anchor.year + step)
    return _decade(anchor.year + 10 * step)


def _weekday(low: str, anchor: dt.date, tense: str | None, part: str | None) -> _Value | None:
    m = re.fullmatch(r"(?:(last|next|this|this past|this coming)\s+)?(" + _WEEKDAY + r")(?:'s)?"
                     r"(?:\s+(morning|afternoon|evening|night))?", low)
    if not m:
        return None
    which, name, _ = m.groups()
    target = WEEKDAYS.index(name)
    back = (anchor.weekday() - target) % 7  # days back to the latest such day, 0 = today
    ahead = (target - anchor.weekday()) % 7
    if which in ("last", "this past"):
        back = back or 7
        return _day(anchor - dt.timedelta(days=back), part)
    if which in ("next", "this coming"):
        ahead = ahead or 7
        return _day(anchor + dt.timedelta(days=ahead), part)
    if tense == "past":
        return _day(anchor - dt.timedelta(days=back), part)
    if tense == "future" or tense == "present" and ahead <= 4:
        # The present with a weekday is news's timetable ("on Thursday the
        # crisis moves to Vienna", "talks continue on Thursday"): the
        # coming one, unless it is most of a week away.
        return _day(anchor + dt.timedelta(days=ahead), part)
    # No tense, or the present: the nearest (a tie goes to the past, as
    # news reports more than it announces).
    delta = -back if back <= ahead else ahead
    return _day(anchor + dt.timedelta(days=delta), part)


def _partial(low: str, anchor: dt.date, tense: str | None) -> _Value | None:
    """A day and month, or a month, without a year: the year that fits the
    tense, nearest the anchor."""
    m = (re.fullmatch(_DAY + r"(?:\s+of)?\s+(" + _MONTH + r")", low)
         or re.fullmatch(r"(" + _MONTH + r")\s+" + _DAY, low))
    if m:
        a, b = m.groups()
        day, month = (int(a), MONTHS[b.rstrip(".")]) if a.isdigit() else (int(b), MONTHS[a.rstrip(".")])
        candidates = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidates.append(dt.date(year, month, day))
            except ValueError:
                continue
        picked = _pick(candidates, anchor, tense, lambda d: d)
        return _day(picked) if picked else None
    if m := re.fullmatch(r"(last|next|this)\s+(" + _MONTH + r")", low):
        month = MONTHS[m.group(2).rstrip(".")]
        index = anchor.year * 12 + anchor.month - 1
        for step in range(1, 13) if m.group(1) == "next" else range(0 if m.group(1) == "this" else -1, -13, -1):
            k = index + step
            if k % 12 + 1 == month:
                return _month(k // 12, month)
    m = re.fullmatch(r"(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of)[- ]?)?"
                     r"(" + _MONTH + r")", low)
    if m:
        month = MONTHS[m.group(1).rstrip(".")]
        firsts = [dt.date(year, month, 1) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
        this_month = anchor.replace(day=1)
        picked = _pick(firsts, this_month, tense, lambda d: d)
        return _month(picked.year, picked.month) if picked else None
    return None


def _pick(candidates: list[dt.date], anchor: dt.date, tense: str | None, key: object) -> dt.date | None:
    """The candidate that fits the tense (past: on or before the anchor;
    future: on or after), nearest the anchor."""
    if tense == "past":
        pool = [d for d in candidates if d <= anchor] or candidates
    elif tense == "future":
        pool = [d for d in candidates if d >= anchor] or candidates
    else:
        pool = candidates
    return min(pool, key=lambda d: (abs((d - anchor).days), d > anchor)) if pool else None


def _season_quarter(low: str, anchor: dt.date | None, tense: str | None = None) -> _Value | None:
    if m := re.fullmatch(r"(?:(this|last|next)\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?"
                         + _YEAR + r")?", low):
        which, season, year = m.groups()
        if year:
            y = int(year)
        elif anchor is None:
            return None  # "last summer": the anchor's
        else:
            y = anchor.year + {"last": -1, "next": 1}.get(which or "", 0)
        return _Value(f"{y:04d}", "year", f"{y:04d}-{SEASONS[season]}")
    if m := re.fullmatch(r"(?:the\s+)?(first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]quarter(?:\s+of)?(?:\s+"
                         + _YEAR + r")?", low):
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}[m.group(1)]
        if m.group(2):
            y = int(m.group(2))
        elif anchor is None:
            return None
        else:  # the year that fits the tense, as for a month
            starts = [dt.date(year, 3 * q - 2, 1) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
            this_quarter = dt.date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
            y = (_pick(starts, this_quarter, tense, None) or this_quarter).year
        return _Value(f"{y:04d}", "year", f"{y:04d}-Q{q}")
    if m := re.fullmatch(r"(?:the\s+)?(first|second|third|fourth|final|last)[\s-]quarter\s+of\s+(this|last|next)\s+year", low):
        if anchor is None:
            return None
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}[m.group(1)]
        y = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        return _Value(f"{y:04d}", "year", f"{y:04d}-Q{q}")
    return None


def _clock(low: str, anchor: dt.date) -> _Value | None:
    """"18:00 UTC", "6:40 p.m.": the day is the anchor's (a clock time
    names no day of its own)."""
    if m := re.fullmatch(r"(\d{2})(\d{2})\s*(utc|gmt)", low):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour < 24 and minute < 60:
            return _Value(anchor.isoformat(), "day", f"{anchor.isoformat()}T{hour:02d}:{minute:02d}Z", day=anchor)
    m = re.match(r"(\d{1,2})(?::|\.)(\d{2})\s*(a\.?m\.?|p\.?m\.?)?\s*(utc|gmt|z)?", low) or re.match(
        r"(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)()\s*(utc|gmt)?", low)
    if not m:
        return None
    groups = m.groups()
    hour = int(groups[0])
    minute = int(groups[1]) if groups[1] and groups[1].isdigit() else 0
    meridian = next((g for g in groups[1:3] if g and g[0] in "ap"), None)
    if meridian and meridian.startswith("p") and hour < 12:
        hour += 12
    if meridian and meridian.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    zone = "Z" if groups[-1] else ""
    return _Value(anchor.isoformat(), "day", f"{anchor.isoformat()}T{hour:02d}:{minute:02d}{zone}", day=anchor)


# -- an undated article's reference day ------------------------------------------------


def reference_day(times: Iterable[TimeRecord]) -> dt.date | None:
    """The day an article with no publication date is measured against to
    tell history from news (the events stage): the latest day that the
    article's dates of its most frequent year begin on (a tie goes to the
    later year); None when it names no day, month or year.

    Not simply its latest date: one scheduled or forecast date ("elections
    due in 2024") would make every event of the article's own year look old.
    The year an article names most is where its news is; within it, the
    latest date named is nearest to the writing. A month or a year counts
    from its first day, so that the reference errs early: an event it takes
    for history is dropped, so the error is made on the side of keeping."""
    firsts: list[tuple[int, dt.date]] = []
    for record in times:
        if record.value is None or record.granularity not in ("day", "month", "year"):
            continue
        span = date_span(record.value)
        if span is not None:
            first = dt.date.fromisoformat(span[0])
            firsts.append((first.year, first))
    if not firsts:
        return None
    counts = Counter(year for year, _ in firsts)
    top = max(counts.values())
    year = max(y for y, n in counts.items() if n == top)
    return max(day for y, day in firsts if y == year)


__all__ = ["NAME", "Times", "find_times", "normalize", "reference_day"]
