"""Actor names compare across case, accents and punctuation, but not across transliterations."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tracker.domain import actor_id_for_name, normalize_name, slugify


def test_case_does_not_matter() -> None:
    """'DMITRIJEW' and 'Dmitrijew' are one name."""
    assert normalize_name("DMITRIJEW") == normalize_name("Dmitrijew")


def test_accents_do_not_matter() -> None:
    """'Dmítrijew' and 'Dmitrijew' are one name."""
    assert normalize_name("Dmítrijew") == normalize_name("Dmitrijew") == "dmitrijew"


def test_transliterations_stay_different() -> None:
    """'Dmitrijew' and 'Dmitriev' are different actors until an alias or merge joins them."""
    assert normalize_name("Dmitrijew") != normalize_name("Dmitriev")
    assert actor_id_for_name("Kirill Dmitrijew") != actor_id_for_name("Kirill Dmitriev")


def test_cyrillic_stays_cyrillic() -> None:
    """Cyrillic is casefolded, not transliterated; й keeps its breve, ё loses its diaeresis."""
    assert normalize_name("Кирилл  ДМИТРИЕВ") == "кирилл дмитриев"
    assert normalize_name("Дмитрий") == "дмитрий"
    assert normalize_name("Королёв") == "королев"


def test_punctuation_and_whitespace() -> None:
    """Punctuation separates words, apostrophes vanish, whitespace collapses."""
    assert normalize_name("  Jean-Luc   Mélenchon ") == "jean luc melenchon"
    assert normalize_name("O'Brien") == normalize_name("O\u2019Brien") == "obrien"
    assert normalize_name("Weiß") == normalize_name("WEISS") == "weiss"


def test_actor_id_is_stable_across_spellings_of_one_name() -> None:
    """The derived id depends only on the normalized name (so concurrent registrations meet)."""
    assert actor_id_for_name("Kirill Dmitrijew") == actor_id_for_name("KIRILL  DMÍTRIJEW")
    assert str(actor_id_for_name("Kirill Dmitrijew")) == str(actor_id_for_name("kirill dmitrijew"))


def test_a_name_without_letters_has_no_id() -> None:
    """Punctuation alone is not a name."""
    with pytest.raises(ValueError, match="no letters"):
        actor_id_for_name("...")


def test_slugify() -> None:
    """Slugs are lower-case words joined by hyphens."""
    assert slugify("US-Russia: Sanctions talks!") == "us-russia-sanctions-talks"
    assert slugify("Kreml-Gesandter wirbt für Lockerung") == "kreml-gesandter-wirbt-fur-lockerung"


@given(st.text(max_size=40))
@example("\U0001d6e2")  # mathematical italic capital alpha: decomposes to a Greek capital
@example("\u03d2")  # Greek upsilon with hook symbol: decomposes to a Greek capital
@example("\u2122 \u1d2c")  # trade mark sign, modifier capital A: compatibility capitals
def test_normalization_is_idempotent(name: str) -> None:
    """Normalizing twice changes nothing, compatibility forms of capitals included."""
    once = normalize_name(name)
    assert normalize_name(once) == once


@given(st.text(alphabet=st.characters(min_codepoint=65, max_codepoint=122), max_size=30))
def test_ascii_case_never_matters(name: str) -> None:
    """Upper and lower case ASCII spellings normalize alike."""
    assert normalize_name(name.upper()) == normalize_name(name.lower())


def test_compatibility_capitals_match_their_letters() -> None:
    """A compatibility form of a capital (math alpha, modifier A, "™") matches lower case."""
    assert normalize_name("\U0001d6e2") == normalize_name("\u03b1") == "\u03b1"
    assert normalize_name("\u1d2c") == "a"
    assert normalize_name("Brand\u2122") == "brandtm"
