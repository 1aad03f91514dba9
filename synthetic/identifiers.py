"""Identifiers only from reserved, never-issued ranges.

- Telephone: NXX-555-0100 .. 0199, the only numbers set aside for fiction.
- E-mail and web: the reserved ``.example`` top-level name and example.org / .com / .net.
- IP: the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.
- Record numbers: a literal ``FAKE-`` prefix (``FAKE-MRN-100392``) that ``prooflane check`` knows.
- No Social Security numbers, ever.
"""

from __future__ import annotations

import random
import re
import unicodedata

FAKE_PREFIX = "FAKE-"
FAKE_ID_RE = re.compile(r"\bFAKE-[A-Z]{2,8}-[0-9A-Z]{3,12}\b")
FICTIONAL_AREA_CODES: tuple[str, ...] = ("202", "212", "312", "415", "503", "617", "713", "919")
EXAMPLE_DOMAINS: tuple[str, ...] = ("example.org", "example.com", "example.net")
RESERVED_TLDS: tuple[str, ...] = (".test", ".example", ".invalid", ".localhost")
DOCUMENTATION_NETS: tuple[str, ...] = ("192.0.2", "198.51.100", "203.0.113")


def fake_id(kind: str, number: int, width: int = 6) -> str:
    """``FAKE-<KIND>-<number>``, e.g. ``fake_id("MRN", 392) == "FAKE-MRN-000392"``."""
    if not re.fullmatch(r"[A-Z]{2,8}", kind):
        raise ValueError("kind must be 2-8 capital letters")
    return f"{FAKE_PREFIX}{kind}-{number:0{width}d}"


def is_fake_id(token: str) -> bool:
    """True for the project's fictional record numbers (``FAKE-MRN-100392``)."""
    return token.upper().startswith(FAKE_PREFIX) or FAKE_ID_RE.search(token) is not None


def phone(rng: random.Random) -> str:
    """A fictional phone number in the reserved 555-0100..0199 block."""
    area = FICTIONAL_AREA_CODES[int(rng.random() * len(FICTIONAL_AREA_CODES))]
    return f"{area}-555-01{int(rng.random() * 100):02d}"


def is_fictional_phone(text: str) -> bool:
    """True when the digits end in 555-01xx (the reserved fictional block)."""
    digits = re.sub(r"\D", "", text)
    return len(digits) >= 7 and digits[-7:-2] == "55501"


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", ".", folded.lower()).strip(".") or "person"


def email(name: str, domain: str = "clinic.example") -> str:
    """A fictional address at a reserved domain, e.g. ``ada.quillhaven@clinic.example``."""
    if not (domain.endswith(RESERVED_TLDS) or domain.endswith(EXAMPLE_DOMAINS)):
        raise ValueError(f"{domain} is not a reserved example domain")
    return f"{_ascii_slug(name)}@{domain}"


def url(path: str = "", host: str = "portal.example.org") -> str:
    """A web address on a reserved example domain."""
    return f"https://{host}/{path.lstrip('/')}"


def ip_address(rng: random.Random) -> str:
    """An IPv4 address from a documentation range."""
    net = DOCUMENTATION_NETS[int(rng.random() * len(DOCUMENTATION_NETS))]
    return f"{net}.{1 + int(rng.random() * 254)}"
