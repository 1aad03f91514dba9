"""Column-aware rule for CSV/TSV files: a value in a column whose header names an identifier.

The text rules already catch formatted phones, e-mails and the like in any cell; this rule adds what
only the header reveals: a ``patient_name`` column holds names, a ``dob`` column holds birth dates, an
``mrn`` column holds record numbers even when they are bare digits.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from scaffolder.check.rules_phi import is_pool_name
from synthetic.identifiers import FAKE_PREFIX, is_fake_id, is_fictional_phone

_COLUMN_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), category) for pattern, category in (
        (r"^(?:patient|member|client|resident|full|first|last|given|family|legal|maiden)_?name$|^(?:first|last|sur)name$|"
         r"^name_(?:first|last|full)$|^patient$", "phi.name"),
        (r"dob|birth|date_of_death|death_date|^dod$|deceased_date|admi(?:t|ssion)_?date|discharge_?date", "phi.date"),
        (r"^(?:patient_)?age(?:_years?)?$", "age"),
        (r"address|street|^city$|^town$|^county$|^zip|zip_?code|postal|postcode", "phi.geo"),
        (r"mrn|medical_record|chart_(?:number|no|id)|^patient_?(?:id|number|no)$|hospital_number", "phi.mrn"),
        (r"member_?id|medicaid|medicare|policy_(?:number|no|id)|subscriber_id|beneficiary|^mbi$|insurance_id", "phi.health_plan"),
        (r"^ssn$|social_security", "phi.ssn"),
        (r"phone|mobile|^cell$|telephone", "phi.phone"),
        (r"^fax", "phi.fax"),
        (r"^e_?mail", "phi.email"),
        (r"account_?(?:number|no|id)|^acct", "phi.account"),
        (r"licen[cs]e_?(?:number|no|id)|^npi$|^dea$", "phi.license"),
        (r"^vin$|plate", "phi.vehicle"),
        (r"serial|^device_id$|^udi$|^imei$", "phi.device"),
    )
)
_DAY_PRECISION = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|[A-Za-z]{3,9}\.?\s+\d{1,2}")


def column_map(header: list[str]) -> dict[int, tuple[str, str]]:
    """Column index -> (category, header) for the header cells that name an identifier."""
    found: dict[int, tuple[str, str]] = {}
    for index, cell in enumerate(header):
        key = re.sub(r"[^a-z0-9]+", "_", cell.strip().lower()).strip("_")
        for pattern, category in _COLUMN_RULES:
            if pattern.search(key):
                found[index] = (category, cell.strip())
                break
    return found


def _value_is_identifying(category: str, value: str) -> bool:
    value = value.strip()
    if not value or value.upper() in {"NA", "N/A", "NULL", "NONE", "NAN", "-", "UNKNOWN", "REDACTED"} or is_fake_id(value):
        return False
    if category == "phi.name":
        return bool(re.search(r"[A-Z][a-z]", value)) and not is_pool_name(value)
    if category == "phi.date":
        return bool(_DAY_PRECISION.search(value))
    if category == "age":
        return value.isdigit() and 90 <= int(value) <= 150
    if category == "phi.geo":
        return bool(re.search(r"[A-Za-z0-9]", value)) and not re.fullmatch(r"\d{3}", value)
    if category in {"phi.phone", "phi.fax"}:
        return len(re.sub(r"\D", "", value)) >= 7 and not is_fictional_phone(value)
    if category == "phi.email":
        return False  # the text rule handles e-mail addresses, with the reserved domains
    return sum(ch.isdigit() for ch in value) >= 3


def scan(
    text: str, columns: dict[int, tuple[str, str]] | None, delimiter: str
) -> tuple[dict[int, tuple[str, str]], list[tuple[int, int, str, str]]]:
    """(column map, [(line, column index, category, header)]) for a chunk of CSV text.

    ``columns`` is None for the first chunk (the header is read from it) and the returned map for the
    next chunks. Line numbers are 1-based within ``text``.
    """
    if '"' in text or "\r" in text or "\x00" in text:
        return _scan_rows(text, columns, delimiter)
    # No quoting: a row is its line split at the delimiter, so each checked column can be read with
    # one regular-expression pass that skips the cells holding a FAKE- id (most cells of synthetic data).
    body = 0
    if columns is None:
        body = text.find("\n") + 1 or len(text)
        header = text[:body].rstrip("\n")
        columns = column_map(header.split(delimiter) if header else [])
    if not columns:
        return columns, []
    found: list[tuple[int, int, int, str, str]] = []  # (row start, column order, index, category, header)
    for order, (index, (category, header)) in enumerate(columns.items()):
        pattern = _cells_re(index, delimiter)
        cells = [(m.start() + 1, m.group(1)) for m in pattern.finditer(text, body - 1 if body else 0)]
        if not body:  # no header in this chunk: its first line is a row too (the pattern needs a newline)
            first = pattern.match("\n" + text[:text.find("\n") + 1 or len(text)])
            cells[:0] = [(0, first.group(1))] if first else []
        for start, value in cells:
            if _value_is_identifying(category, value):
                found.append((start, order, index, category, header))
    results: list[tuple[int, int, str, str]] = []
    line, counted = 1, 0
    for start, _order, index, category, header in sorted(found):
        line += text.count("\n", counted, start)
        counted = start
        results.append((line, index, "phi.date" if category == "age" else category, header))
    return columns, results


@lru_cache(maxsize=64)
def _cells_re(index: int, delimiter: str) -> re.Pattern[str]:
    """Cell ``index`` of the line after each newline, unless it starts with FAKE-."""
    d = re.escape(delimiter)
    return re.compile(rf"\n(?:[^{d}\n]*{d}){{{index}}}(?!{FAKE_PREFIX})([^{d}\n]*)")


def _scan_rows(
    text: str, columns: dict[int, tuple[str, str]] | None, delimiter: str
) -> tuple[dict[int, tuple[str, str]], list[tuple[int, int, str, str]]]:
    """The row-by-row scan with the csv module (quoted cells, line breaks inside cells, odd bytes)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    results: list[tuple[int, int, str, str]] = []
    try:
        if columns is None:
            columns = column_map(next(reader, []))
        if not columns:
            return columns, results
        for row in reader:
            for index, (category, header) in columns.items():
                if index < len(row) and _value_is_identifying(category, row[index]):
                    results.append((reader.line_num, index, "phi.date" if category == "age" else category, header))
    except csv.Error:
        pass
    return columns, results
