"""The knowledge base: shipped tables, user dictionaries, PETRARCH import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest

from detente.errors import ConfigError
from detente.kb import KnowledgeBase, _tsv, builtin_countries, load_kb, tokenize
from detente.kb.entries import read_csv, read_file, read_yaml
from detente.kb.petrarch import read_petrarch

from .conftest import FIXTURES

KB = FIXTURES / "kb"


def test_kb_countries_cover_every_iso_code() -> None:
    rows = _tsv("countries.tsv")
    codes = {row["code"] for row in rows}
    assert {c.alpha_3 for c in pycountry.countries} <= codes
    assert len(codes) == len(rows), "a country code appears twice"


def test_kb_people_and_organisations_use_contract_codes() -> None:
    """Every code a built-in person or organisation carries is a country of
    countries.tsv (ISO 3166-1 alpha-3, as the record contract says) or an
    organisation's own code: no withdrawn codes such as the Soviet Union's
    SUN."""
    from detente.kb import _data

    countries = set(builtin_countries())
    organisations = read_yaml(_data("organizations.yaml"), "builtin:organizations.yaml")
    org_codes = {e.code for e in organisations if e.code and e.code not in countries}
    for name in ("organizations.yaml", "people.yaml"):
        for entry in read_yaml(_data(name), f"builtin:{name}"):
            assert entry.code is None or entry.code in countries or entry.code in org_codes, (name, entry.name,
                                                                                              entry.code)


def test_kb_country_phrases_mean_one_country() -> None:
    owner: dict[tuple[str, ...], str] = {}
    for row in _tsv("countries.tsv"):
        for column in ("name", "aliases", "adjectives", "people", "capitals"):
            for phrase in filter(None, (row.get(column) or "").split("|")):
                key = tokenize(phrase)
                assert owner.setdefault(key, row["code"]) == row["code"], (phrase, owner[key], row["code"])


@pytest.mark.parametrize(("phrase", "how", "code", "sector"), [
    ("Russia", "name", "RUS", None),
    ("Russian", "adjective", "RUS", None),
    ("Americans", "people", "USA", None),
    ("US", "alias", "USA", None),
    ("Kyiv", "capital", "UKR", "GOV"),
    ("Kiev", "capital", "UKR", "GOV"),
    ("the Kremlin", "seat", "RUS", "GOV"),
    ("the White House", "seat", "USA", "GOV"),
    ("the Pentagon", "seat", "USA", "MIL"),
    ("NATO", "alias", "NATO", None),
    ("the North Atlantic Treaty Organization", "name", "NATO", None),
    ("the Western alliance", "context", "NATO", None),
    ("the UN Security Council", "alias", "UN", "GOV"),
    ("the Security Council", "context", "UN", "GOV"),
    ("OSCE", "alias", "OSCE", None),
    ("IAEA", "alias", "IAEA", None),
])
def test_kb_builtin_phrases(phrase: str, how: str, code: str, sector: str | None) -> None:
    targets = load_kb().lookup(phrase)
    assert any(t.how == how and t.entry.code == code and (t.sector or t.entry.sector) == sector
               for t in targets), targets


def test_kb_case_carries_meaning() -> None:
    kb = load_kb()
    words = ["who", "told", "us", "that", "the", "WHO", "and", "the", "US", "agreed"]
    found = kb.match(words, [w.lower() for w in words])
    assert [" ".join(words[m.start:m.end]) for m in found] == ["WHO", "US"]


def test_kb_dated_entries_pick_the_office_of_the_day() -> None:
    kb = load_kb()
    targets = [t for t in kb.lookup("Alexander Grushko") if t.entry.type == "person"]
    in_2015 = kb.pick(targets, dt.date(2015, 6, 1))
    in_2022 = kb.pick(targets, dt.date(2022, 1, 12))
    assert in_2015 is not None and in_2015.entry.sector == "DIP"
    assert in_2022 is not None and in_2022.entry.sector == "GOV"


def test_kb_user_yaml_overrides_the_builtin_entry() -> None:
    builtin = load_kb()
    assert {t.how for t in builtin.lookup("Moscow")} == {"capital"}
    user = load_kb([str(KB / "user.yaml")])
    moscow = user.lookup("Moscow")
    assert [t.entry.name for t in moscow] == ["Moscow City Government"] and moscow[0].user
    assert user.lookup("ECFR")[0].entry.code == "ECFR"
    assert user.digest != builtin.digest  # runs record which dictionaries they used


def test_kb_user_csv() -> None:
    entries = read_file(KB / "user.csv")
    chatham = entries[0]
    assert chatham.name == "Chatham House" and chatham.code == "CHATHAM" and chatham.sector == "NGO"
    assert chatham.aliases == ("Royal Institute of International Affairs",)
    assert chatham.context_aliases == ("the institute",)
    assert entries[1].type == "person" and entries[1].code is None


@pytest.mark.parametrize(("text", "message"), [
    ("- name: X\n  type: alien\n", "type 'alien'"),
    ("- name: X\n  sector: WIZ\n", "sector 'WIZ'"),
    ("- name: X\n  valid_from: soon\n", "valid_from 'soon' is not a date"),
    ("- name: X\n  valid_from: 2020-01-02\n  valid_to: 2019-01-01\n", "before valid_from"),
    ("- {type: person}\n", "needs a name"),
    ("- name: X\n  colour: red\n", "unknown field(s) colour"),
    ("name: [unclosed\n", "not valid YAML"),
])
def test_kb_user_yaml_errors_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match="user.yaml") as info:
        read_yaml(text, "user.yaml")
    assert message in str(info.value)


def test_kb_user_csv_needs_a_header() -> None:
    with pytest.raises(ConfigError, match="header row"):
        read_csv("Chatham House,organization\n", "x.csv")


def test_kb_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read actor dictionary"):
        load_kb([str(tmp_path / "nope.yaml")])


def test_kb_petrarch_import() -> None:
    entries = read_file(KB / "sample.actors")
    by_name: dict[str, list] = {}  # type: ignore[type-arg]
    for entry in entries:
        by_name.setdefault(entry.name, []).append(entry)
    # A bare country code: the phrases become names of that country.
    russia = by_name["Russia"][0]
    assert russia.type == "country" and {"Ruritania", "Ruritanian"} <= set(russia.aliases)
    # A default code plus a dated one; TABARI's two-digit years too.
    mishustin = by_name["Mikhail Mishustin"]
    assert {(e.code, e.sector, e.valid_from) for e in mishustin} == {
        ("RUS", "ELI", None), ("RUS", "GOV", dt.date(2020, 1, 16))}
    assert all(e.type == "person" and e.aliases == ("Mishustin",) for e in mishustin)
    rasmussen = sorted(by_name["Anders Fogh Rasmussen"], key=lambda e: e.valid_from)
    assert [(e.code, e.sector) for e in rasmussen] == [("DNK", "GOV"), ("NATO", None)]
    assert rasmussen[0].valid_from == dt.date(2001, 11, 27)
    # An organisation code maps to detente's acronym; an institution is a group.
    assert by_name["North Atlantic Council"][0].type == "organization"
    assert by_name["North Atlantic Council"][0].code == "NATO"
    assert by_name["Zapad Command"][0].type == "group"
    assert by_name["Zapad Command"][0].sector == "MIL"


def test_kb_petrarch_dated_codes_apply_by_date() -> None:
    kb = load_kb([str(KB / "sample.actors")])
    targets = kb.lookup("Mishustin")
    assert kb.pick(targets, dt.date(2022, 1, 1)).entry.sector == "GOV"  # type: ignore[union-attr]
    assert kb.pick(targets, dt.date(2015, 1, 1)).entry.sector == "ELI"  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "message"), [
    ("+ORPHAN_\n", "before any actor phrase"),
    ("PUTIN_ [RUSGOV 2000-2008]\n", "is not a date"),
    ("PUTIN_ [RUSGOV ~2000]\n", "cannot read the date restriction"),
])
def test_kb_petrarch_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match="line 1") as info:
        read_petrarch(text, "x.actors")
    assert message in str(info.value)


def test_kb_is_built_once_per_set_of_files() -> None:
    assert load_kb() is load_kb()
    assert isinstance(load_kb(), KnowledgeBase)


def test_name_key_keeps_letters_unicode_does_not_decompose() -> None:
    """Turkish ı, Polish ł, Nordic ø, South Slavic đ: folded to a letter, not
    dropped ("Yıldırım" once keyed as "y ld m" and never met "Yildirim")."""
    from detente.kb import name_key

    assert name_key("Binali Yıldırım") == name_key("Binali Yildirim") == "binali yildirim"
    assert name_key("Lech Wałęsa") == "lech walesa"
    assert name_key("Lars Løkke Rasmussen") == "lars lokke rasmussen"
    assert name_key("Milo Đukanović") == "milo dukanovic"
