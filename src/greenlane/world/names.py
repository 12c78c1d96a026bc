"""Word lists for invented company names and addresses, shaped like each country's usage.

Every name is invented; the patterns (``Co., Ltd.``, ``Sdn. Bhd.``, ``San. ve Tic. A.S.``) are the
legal forms a customs officer sees on real manifests from that country. The per-country styles
are in ``data/company_styles.psv``.
"""

from __future__ import annotations

from importlib import resources


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


def _styles() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    path = resources.files("greenlane.world").joinpath("data", "company_styles.psv")
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            country, template, words, cities, address = line.split("|")
            out[country] = (template, tuple(words.split("; ")), tuple(cities.split("; ")), address)
    return out


COUNTRY_STYLE = _styles()
"""Country: name template, distinctive words, cities, address template."""

STREETS: tuple[str, ...] = _words(
    "Harbour|Industrial|Xinhua|Riverside|Lakeside|Commerce|Park|Station|Garden|Orchard|Canal|"
    "Market|Victoria|Sunrise|Hill|Pioneer"
)

INDUSTRY: dict[str, tuple[str, ...]] = {
    "electronics": _words("Electronics|Technology|Digital"),
    "appliances": _words("Electric Appliance|Home Appliances"),
    "machinery": _words("Machinery|Precision|Tools"),
    "auto": _words("Auto Parts|Industrial"),
    "home": _words("Furniture|Homeware|Household"),
    "toys": _words("Toys|Sporting Goods"),
    "apparel": _words("Garments|Apparel|Knitwear"),
    "textiles": _words("Textile|Home Textiles"),
    "footwear": _words("Footwear|Leather"),
    "food": _words("Foods|Agro Products"),
    "reefer": _words("Seafood|Fresh Produce"),
    "chemicals": _words("Chemical|Healthcare|Packaging"),
    "materials": _words("Steel|Materials|Industrial"),
}

US_WORDS: tuple[str, ...] = _words(
    "Pacific|Atlantic|Summit|Golden State|Liberty|Great Lakes|Lone Star|Harbor|Blue Ridge|"
    "Evergreen|Keystone|Coastal|Prairie|Sierra|Bayou|Empire|Heartland|Redwood|Magnolia|"
    "Pioneer|Cascade|Frontier|Granite|Hudson"
)

US_NOUNS: dict[str, tuple[str, ...]] = {
    "electronics": _words("Electronics|Tech Supply|Digital"),
    "appliances": _words("Appliance|Home Appliances"),
    "machinery": _words("Industrial Supply|Tool Company"),
    "auto": _words("Auto Parts|Cycle Works"),
    "home": _words("Home Goods|Furnishings|Housewares"),
    "toys": _words("Toys|Fitness"),
    "apparel": _words("Apparel|Outfitters|Fashion"),
    "textiles": _words("Linens|Home Textiles"),
    "footwear": _words("Footwear|Leather Goods"),
    "food": _words("Foods|Provisions|Pantry"),
    "reefer": _words("Seafood|Fresh Produce"),
    "chemicals": _words("Health Products|Packaging"),
    "materials": _words("Steel Supply|Building Materials|Metals"),
}
US_SUFFIXES: tuple[str, ...] = _words("Inc.|LLC|Corp.|Co.")
US_PLACES: dict[str, tuple[str, ...]] = {
    "west": _words(
        "Los Angeles, CA|Ontario, CA|Commerce, CA|City of Industry, CA|Long Beach, CA|Phoenix, AZ"
    ),
    "east": _words("Edison, NJ|Secaucus, NJ|Newark, NJ|Allentown, PA|Brooklyn, NY"),
    "south": _words("Savannah, GA|Atlanta, GA|Charlotte, NC|Memphis, TN"),
    "gulf": _words("Houston, TX|Dallas, TX|Baytown, TX|San Antonio, TX"),
}

# New importers: person-named firms, a pattern the catalog never uses, so a new name is new.
FIRST_NAMES: tuple[str, ...] = _words(
    "Adam|Alicia|Amir|Ana|Ben|Bianca|Carlos|Chen|Daniel|Diana|Elif|Eric|Farah|Felix|Grace|"
    "Hassan|Ian|Irina|Jamal|Jin|Karim|Kevin|Laura|Lei|Marco|Maya|Nadia|Nikolai|Omar|Olga|Paul|"
    "Priya|Rafael|Rosa|Samir|Sara|Tariq|Tina|Victor|Wei|Yusuf|Zara|Aaron|Bella|Cyrus|Dmitri|"
    "Emma|Faisal|Gina|Hugo|Ivan|Julia|Kamal|Lina|Milan|Nora|Oscar|Petra|Quinn|Reza|Sofia|"
    "Tomas|Umar|Vera"
)
LAST_NAMES: tuple[str, ...] = _words(
    "Abbott|Baker|Castillo|Dao|Ellis|Farouk|Garcia|Huang|Ivanov|Jensen|Khan|Lopez|Mendez|"
    "Nguyen|Ortiz|Park|Quinlan|Rossi|Sato|Tran|Usman|Vargas|Wong|Xu|Yilmaz|Zhang|Alvarez|"
    "Brooks|Chowdhury|Diaz|Esposito|Fischer|Gomez|Haddad|Ibrahim|Jovanovic|Kowalski|Lin|"
    "Moreno|Novak|Okafor|Petrov|Qureshi|Reyes|Silva|Tanaka|Ueda|Volkov|Walsh|Yamada|Zhou|"
    "Ahmed|Bauer|Costa|Demir|Evans|Flores|Grant|Hoang|Iqbal|Kaya|Le|Malik|Nasser"
)
NEW_FIRM_NOUNS: tuple[str, ...] = _words(
    "Global Trading|Imports|International|Wholesale|Distribution|Supply|Enterprises|Commerce|"
    "Sourcing|Merchandise|Brands|Goods|Ventures|Direct|Resources|Trade Group|Express Trading|"
    "Partners|Worldwide|Holdings|Marketplace|Depot|Outlet|Solutions|Network|Exchange|"
    "Logistics Trading|Retail|Trading House|Company|Import Export|Overseas"
)

FORWARDERS: tuple[tuple[str, str, str], ...] = (
    ("CBGL", "Cargo Bridge Logistics Ltd.", "HK"),
    ("SSFW", "Seven Seas Forwarding Inc.", "US"),
    ("TGFX", "TransGlobal Freight Corp.", "US"),
    ("ALKL", "Asia Link Logistics Co., Ltd.", "CN"),
    ("PSLX", "PolarStar Logistics B.V.", "NL"),
    ("UCSV", "Union Cargo Services Pte. Ltd.", "SG"),
    ("KSTF", "Kestrel Freight GmbH", "DE"),
    ("HBFR", "Harbor Bridge Freight LLC", "US"),
    ("NXGL", "Nexus Global Logistics Ltd.", "GB"),
    ("ORLG", "Orchid Logistics Sdn. Bhd.", "MY"),
)
"""NVOCCs and forwarders: SCAC, name, country."""

BROKERS: dict[str, tuple[tuple[str, str], ...]] = {
    "US": (
        ("C7K", "Coastline Customs Brokers Inc."),
        ("T2R", "Tri-Port Customs Services LLC"),
        ("G4B", "Gateway Brokerage Corp."),
        ("M8S", "Meridian Entry Services Inc."),
    ),
    "NL": (("", "Douane Expert B.V."), ("", "Maasport Customs Services B.V.")),
    "DE": (("", "Elbe Zollagentur GmbH"), ("", "Hanse Customs Service GmbH")),
    "BE": (("", "Scheldt Customs Agency NV"),),
}
"""Customs brokers (declarants) by country: US filer code, name."""
