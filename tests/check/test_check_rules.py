"""Unit tests of the rules: reserved fictional ranges stay quiet, real-looking values do not."""

from __future__ import annotations

import pytest

from scaffolder.check import check_text


def cats(text: str, suffix: str = ".md") -> list[str]:
    return [f.category for f in check_text(text, suffix=suffix) if f.category != "fill.unfilled"]


@pytest.mark.parametrize("text", [
    "Call 212-555-0100 or 212-555-0199.",
    "Write to ada.quillhaven@clinic.example or team@example.com or x@sub.example.net or y@host.test.",
    "Hosts 192.0.2.1, 198.51.100.255, 203.0.113.9 and 2001:db8::1 are for documentation.",
    "Record FAKE-MRN-100392 belongs to FAKE-PT-000001.",
    "The loopback 127.0.0.1 and 0.0.0.0 identify nobody.",
    "Open https://portal.example.org/patient/123 in the demo.",
    "The fictional patient Ada Quillhaven was discharged on 2024-03-05.",
    "Patient Ada Quillhaven is one of the generated personas.",
    "It does not diagnose disease, and it never replaces clinicians.",
])
def test_reserved_and_safe_text_is_quiet(text: str) -> None:
    assert cats(text) == []


@pytest.mark.parametrize(("text", "category"), [
    ("Call 212-555-0200 tomorrow.", "phi.phone"),
    ("Mail j.smith@hospital.org now.", "phi.email"),
    ("Server 8.8.4.4 was in the log.", "phi.ip"),
    ("SSN 123-45-6789 on the form.", "phi.ssn"),
    ("MRN 4471920 on the band.", "phi.mrn"),
    ("Patient Jonas Whitcombe was admitted.", "phi.name"),
    ("She was born on 3/14/1950.", "phi.date"),
    ("A 95-year-old man was seen.", "phi.date"),
    ("Lives at 12 Harbor Street.", "phi.geo"),
    ("The app diagnoses melanoma.", "claim.diagnostic"),
    ("Guaranteed to cut no-shows in half.", "claim.overclaim"),
])
def test_real_looking_values_are_found(text: str, category: str) -> None:
    assert category in cats(text)


def test_disclaimer_block_yields_no_claim() -> None:
    from scaffolder import disclaimers

    assert cats(disclaimers.markdown()) == []
    assert cats(disclaimers.html_block(), ".html") == []


def test_fill_markers_are_warnings_and_their_hints_are_not_scanned() -> None:
    findings = check_text("Owner: [FILL: e.g. patient John Smith, call 212-448-9051]")
    assert [(f.category, f.severity) for f in findings] == [("fill.unfilled", "warning")]


def test_ages_90_and_over_as_a_band_are_fine() -> None:
    assert cats("Ages 90+ are grouped; aged 90 and over in one band; age 45.") == []


def test_quoted_claim_is_a_mention_not_a_claim() -> None:
    assert cats('Replace "our AI diagnoses cancer" with "flags images for review".') == []


def test_json_escapes_count_as_white_space() -> None:
    notebook = '{"source": ["Seen today:\\nPatient Gregory Lindqvist\\n"]}'
    assert "phi.name" in cats(notebook, ".ipynb")
