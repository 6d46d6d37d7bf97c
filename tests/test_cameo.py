"""The generated CAMEO verb table (kb/data/cameo_verbs.tsv) and its matcher."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from detente.kb import build_cameo
from detente.kb.cameo import CameoMatch, read_table, singular, table

SHIPPED = resources.files("detente.kb").joinpath("data", "cameo_verbs.tsv")
needs_shared = pytest.mark.skipif(
    not (build_cameo.DEFAULT_CAMEO.exists() and build_cameo.DEFAULT_PLOVER.exists()),
    reason="../shared/data (PETRARCH2's dictionary, CAMEO2PLOVER) is not here",
)


def _rows() -> list[dict[str, str]]:
    lines = [ln for ln in SHIPPED.read_text("utf-8").splitlines() if not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]


def _plover_types() -> set[str]:
    text = resources.files("detente.kb").joinpath("data", "plover.tsv").read_text("utf-8")
    return {ln.split("\t")[0] for ln in text.splitlines() if ln and not ln.startswith(("#", "type\t"))}


# --- the shipped file ---------------------------------------------------------


@needs_shared
def test_the_shipped_table_is_what_the_script_writes(tmp_path):
    out = tmp_path / "cameo_verbs.tsv"
    build_cameo.main(["--cameo", str(build_cameo.DEFAULT_CAMEO), "--plover", str(build_cameo.DEFAULT_PLOVER),
                      "--out", str(out)])
    assert out.read_bytes() == SHIPPED.read_bytes(), "rerun `python -m detente.kb.build_cameo`"


@needs_shared
def test_every_override_changes_some_row():
    rows = build_cameo.build_rows(build_cameo.DEFAULT_CAMEO.read_text("utf-8"),
                                  build_cameo.DEFAULT_PLOVER.read_text("utf-8"))
    for rule in build_cameo.OVERRIDES:
        assert rule.reason, rule
        hit = False
        for row in rows:
            words = set(re.split(r"[ :=|_]", row.pattern))
            options = {o for o in re.split(r"[ :=|]", row.pattern)}
            code = build_cameo._primary(row.cameo) if row.cameo != "---" else "---"
            # A "---" rule re-codes its rows, so look for the code it gives.
            code = "---" if rule.code == "---" and row.cameo == rule.as_code else code
            hit = hit or rule.covers(code, row.lemma, frozenset(words | options))
        assert hit, f"override {rule} re-maps nothing"


def test_header_carries_the_licence_and_says_generated():
    head = "\n".join(ln for ln in SHIPPED.read_text("utf-8").splitlines() if ln.startswith("#"))
    assert "Copyright (c) 2015 Open Event Data Alliance" in head
    assert "Permission is hereby granted, free of charge" in head
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in head
    assert "detente.kb.build_cameo" in head and "CAMEO.2.0.txt" in head and "CAMEO2PLOVER-2021.txt" in head
    assert "Do not edit by hand" in head


def test_counts_and_values():
    rows = _rows()
    lemmas = {r["lemma"] for r in rows}
    patterns = [r for r in rows if r["pattern"] != "-"]
    assert 1_700 <= len(lemmas) <= 1_950  # the dictionary's ~1,800 verbs
    assert 4_000 <= len(patterns) <= 6_000  # its ~4,700 patterns, attached to their verbs
    types = _plover_types()
    assert {r["type"] for r in rows} <= types | {"-"}
    assert sum(r["cameo"] == "---" for r in rows) > 500  # senses that are no event
    assert all(r["type"] == "-" for r in rows if r["cameo"] == "---")
    assert len({(r["lemma"], r["particle"], r["pattern"]) for r in rows}) == len(rows)
    for r in rows:
        assert r["particle"] == "-" or r["lemma"].endswith("_" + r["particle"]), r
        assert re.fullmatch(r"-|(?:(?:subj|obj):\S+|prep:[a-z]+(?:=\S+)?)(?: \S+)*", r["pattern"]), r


# --- matching by hand -----------------------------------------------------------


def _m(lemma: str, objects: tuple[str, ...] = (), preps: tuple[tuple[str, str], ...] = (),
       particles: tuple[str, ...] = (), subjects: tuple[str, ...] = ()) -> CameoMatch | None:
    return table().match(lemma, particles, objects, preps, subjects=subjects)


def test_a_verb_default():
    m = _m("attack")
    assert m == CameoMatch("ASSAULT", None, "military", "190", "-")


def test_an_object_pattern_beats_the_default():
    assert _m("sign").type is None  # signing alone: no event
    m = _m("sign", ("peace", "agreement"))
    assert m.type == "AGREE" and m.pattern.startswith("obj:peace_treaty|") and "peace_agreement" in m.pattern


def test_plural_objects_and_synonym_sets():
    m = _m("deploy", ("troops",))
    assert (m.type, m.mode, m.cameo) == ("MOBILIZE", "troops", "154")
    assert _m("impose", ("sanctions",)).type == "SANCTION"  # override: 163 is SANCTION


def test_not_an_event_senses():
    crash = _m("crash", ("car",))
    assert crash.type is None and crash.cameo == "---"
    quake = _m("kill", subjects=("earthquake",))  # "- EARTHQUAKE * [---]" beats kill's ASSAULT
    assert quake.type is None and quake.pattern == "subj:earthquake"
    assert _m("say") == CameoMatch(None, None, None, "010", "-")  # CAMEO 01: PLOVER drops statements


def test_phrasal_verbs():
    off = _m("call", ("talk",), particles=("off",))
    assert (off.type, off.cameo) == ("SANCTION", "160")
    out = _m("pull", preps=(("of", "coalition"),), particles=("out",))
    assert (out.type, out.pattern) == ("SANCTION", "prep:of=coalition")
    assert _m("pull", particles=("out",)).type == "RETREAT"  # override: not 040 CONSULT


def test_prepositional_patterns_and_appeals():
    m = _m("call", preps=(("for", "ceasefire"),))
    assert (m.type, m.mode, m.cameo) == ("REQUEST", "yield", "0256")  # 02 maps as 10
    assert _m("call").type == "CONSULT"  # a phone call
    ask = _m("ask", preps=(("for", "financial"), ("for", "aid")))
    assert (ask.cameo, ask.context) == ("0231", "economic")  # the most specific pattern wins


def test_patterns_belong_to_the_verb_their_comment_names():
    assert _m("look", preps=(("into", "allegation"),)).type == "ACCUSE"
    assert _m("appear", preps=(("into", "allegation"),)).type is None
    assert _m("urge", ("talk",)).type == "REQUEST"  # "# URGE": no block lists urge
    assert _m("urge") is None


def test_reverse_acts():
    m = _m("appear", preps=(("before", "court"),))
    assert m.cameo == ":173" and m.reverse and m.type == "COERCE"


def test_overrides():
    assert (_m("indict").type, _m("indict").mode) == ("ACCUSE", "allege")
    assert _m("arrest").type == "COERCE"
    assert _m("convict").mode == "convict"
    assert _m("pressure").type == "REQUEST"
    assert _m("prevent") == CameoMatch(None, None, None, "120", "-")
    assert _m("negotiate").type == "CONSULT"
    assert (_m("withdraw").type, _m("withdraw").mode) == ("RETREAT", "withdraw")
    assert _m("reject").cameo == "120" and _m("reject").type == "REJECT"
    assert _m("put", preps=(("on", "trial"),)).type == "ACCUSE"


def test_unknown_verbs_and_singulars():
    assert _m("photosynthesise") is None
    assert [singular(w) for w in ("talks", "allies", "crisis", "news", "searches", "gas")] == [
        "talk", "ally", "crisis", "news", "search", "gas"]


def test_read_table_is_independent_of_the_shipped_file():
    text = "lemma\tparticle\tpattern\tcameo\ttype\tmode\tcontext\n" \
           "meet\t-\t-\t040\tCONSULT\t-\t-\n" \
           "meet\t-\tprep:with=envoy|special_envoy\t043\tCONSULT\tvisit\t-\n"
    t = read_table(text)
    assert t.match("meet", [], [], []).cameo == "040"
    assert t.match("meet", [], [], [("with", "envoys")]).cameo == "043"
    assert t.match("Meet", [], [], [("with", "minister")]).cameo == "040"


def test_a_lemma_may_carry_its_particle():
    assert _m("call_off") == _m("call", particles=("off",))
