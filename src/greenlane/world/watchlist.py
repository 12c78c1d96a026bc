"""An invented watch list, and the spelling variants under which its parties turn up on filings.

None of these names belongs to a real listed party. Real lists are loaded from official files by
the parties stage; this one exists so the world can plant known hits and measure screening.
"""

from __future__ import annotations

import random
import re

from greenlane.domain.records import Party

WATCHLIST_ENTRIES: tuple[tuple[str, str, str], ...] = (
    ("Golden Crescent General Trading FZE", "Warehouse 14, Jebel Ali Free Zone, Dubai", "AE"),
    ("Al Safwa Marine Services LLC", "Office 1203, Al Khaleej Tower, Dubai", "AE"),
    ("Bright Dragon Star Trading Ltd", "Unit 905, Wing Fat Building, Kowloon, Hong Kong", "HK"),
    ("Sinotek Precision Components Co., Ltd.", "No. 18 Gaoxin Road, Dalian", "CN"),
    ("Pars Amin Industrial Group", "No. 44, Sepahbod Street, Tehran", "IR"),
    ("Caspian Horizon Shipping Company", "Bandar Anzali Free Zone, Gilan", "IR"),
    ("Novaport Logistics Limited", "12 Makariou Avenue, Limassol", "CY"),
    ("Eastbridge Dual-Use Supplies LLP", "45 Tverskaya Street, Moscow", "RU"),
    ("Belaya Vezha Machine Works OJSC", "7 Partizansky Avenue, Minsk", "BY"),
    ("Morning Calm Export Corporation", "Potonggang District, Pyongyang", "KP"),
    ("Orinoco Petro Services C.A.", "Av. Francisco de Miranda, Caracas", "VE"),
    ("Levant Crossroads Trading S.A.L.", "Hamra Street 88, Beirut", "LB"),
    ("Damascus Gate Import Export", "Al-Mazzeh Highway, Damascus", "SY"),
    ("Trans-Eurasia Components OOO", "Ligovsky Prospekt 50, Saint Petersburg", "RU"),
    ("Silver Lotus Electronics Sdn. Bhd.", "Lot 9, Jalan Perindustrian, Johor Bahru", "MY"),
    ("Zenith Polymers Trading Pte. Ltd.", "21 Pioneer Crescent, Singapore", "SG"),
    ("Anatolian Bridge Dis Ticaret Ltd. Sti.", "Mersin Free Zone, Mersin", "TR"),
    ("Indus Valley Tech Traders", "Plot 7, SITE Area, Karachi", "PK"),
    ("Red Sea Maritime Agencies Co.", "Corniche Road, Port Sudan", "SD"),
    ("Kunlun Special Materials Co., Ltd.", "No. 3 Huanghe Road, Urumqi", "CN"),
    ("Horizon Aerotech Parts FZCO", "Dubai Silicon Oasis, Dubai", "AE"),
    ("Blue Steppe Trading LLP", "Abay Avenue 150, Almaty", "KZ"),
    ("Gulf Pearl Shipping and Trading LLC", "Khor Fakkan Port Road, Sharjah", "AE"),
    ("Tigris Engineering Group", "Karrada District, Baghdad", "IQ"),
)
"""Name, address and ISO 3166 country of each invented listed party."""

_SUFFIX_SWAPS = (
    (r"\bCo\., Ltd\.$", "Company Limited"),
    (r"\bLimited$", "Ltd"),
    (r"\bLLC$", "L.L.C."),
    (r"\bCompany$", "Co."),
    (r"\bFZE$", "F.Z.E."),
)


def watchlist_parties() -> tuple[Party, ...]:
    return tuple(Party(name=n, address=a, country=c) for n, a, c in WATCHLIST_ENTRIES)


def variant(name: str, rng: random.Random) -> tuple[str, str]:
    """The name as a filer might write it, and a word for how it was altered."""
    roll = rng.random()
    if roll < 0.25:
        return name, "exact"
    if roll < 0.45:
        return name.upper(), "upper case"
    if roll < 0.65:
        for pattern, replacement in _SUFFIX_SWAPS:
            if re.search(pattern, name):
                return re.sub(pattern, replacement, name), "legal form rewritten"
        return re.sub(r"[.,]", "", name), "punctuation dropped"
    if roll < 0.85:
        return re.sub(r"[.,\-]", "", name).upper(), "punctuation dropped"
    # Swap two adjacent letters inside the longest word: a typing slip.
    words = name.split()
    k = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[k]
    if len(w) >= 4:
        p = rng.randrange(1, len(w) - 2)
        words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
    return " ".join(words), "letters transposed"


def watchlist_ftm_lines() -> list[str]:
    """The invented list as OpenSanctions FollowTheMoney JSON lines, so that it loads like any
    official list (``greenlane lists load FILE --format ftm-jsonl``) and the world's planted
    parties can be screened against it."""
    import json

    return [
        json.dumps(
            {
                "id": f"greenlane-world-{number:03d}",
                "schema": "Company",
                "caption": name,
                "properties": {"name": [name], "address": [address], "country": [country.lower()]},
                "datasets": ["greenlane_world"],
                "target": True,
            },
            ensure_ascii=False,
        )
        for number, (name, address, country) in enumerate(WATCHLIST_ENTRIES, start=1)
    ]
