"""How filings write a trade party's name, address and identifier, for the entity-resolution
benchmark (``er_bench``): legal forms rewritten or dropped, abbreviations, typing slips, a dropped
city prefix, other scripts and romanisations; addresses abbreviated, cut or mistyped; identifiers
mistyped."""

from __future__ import annotations

import random
import re

import benchpath  # noqa: F401  (before greenlane: see benchpath)
from greenlane.world import names


def split_words(text: str) -> list[str]:
    return text.split()


def _table(text: str) -> dict[str, tuple[str, ...]]:
    """``key = a | b;`` entries: a word or pattern and what filers write instead."""
    out = {}
    for entry in text.replace("\n", " ").split(";"):
        key, _, values = entry.partition(" = ")
        out[key.strip()] = tuple(v.strip() for v in values.split("|"))
    return out


LEGAL_FORMS = _table(r"""
Co\., Ltd\. = Company Limited | Co. Ltd | CO.,LTD | Co Ltd | Limited |;
\(Pvt\.?\) Ltd\. = (Private) Limited | Pvt Ltd | (Pvt) Ltd | Private Ltd;
Pvt\. Ltd\. = Private Limited | Pvt Ltd | (P) Ltd | P. Ltd.;
Pte\. Ltd\. = Pte Ltd | Private Limited | PTE. LTD.;
Joint Stock Company = JSC | J.S.C. | Joint Stock Co. |;
Sdn\. Bhd\. = Sdn Bhd | SDN. BHD. | Sendirian Berhad;
San\. ve Tic\. A\.S\. = Sanayi ve Ticaret A.S. | San. Tic. A.S. | San. ve Tic. AS | A.S.;
Dis Tic\. Ltd\. Sti\. = Dis Ticaret Ltd. Sti. | Dis Tic. Ltd.;
S\.A\. de C\.V\. = SA de CV | S.A. DE C.V. | SA; S\.p\.A\. = SpA | S.P.A. |;
Ltda\. = Ltda | LTDA | Limitada; GmbH = G.m.b.H. | Gmbh |;
K\.K\. = KK | Kabushiki Kaisha | Co., Ltd.; Sp\. z o\.o\. = Sp. z.o.o. | SP Z OO |;
B\.V\. = BV | B.V |; \bNV = N.V. |; \bAB = Aktiebolag |; FZE = F.Z.E. | Free Zone Establishment |;
S\.L\. = SL | S.L.U.; Inc\. = Inc | Incorporated |;
LLC = L.L.C. | Limited Liability Company |; Corp\. = Corporation | Corp |;
\bCo\. = Company | Co; Limited = Ltd | Ltd. |; Ltd\. = Limited | Ltd |
""")
"""Legal forms at the end of a name and how filers rewrite them (or leave them out)."""

_ABBREVIATIONS = _table("""
International = Int'l | Intl | Intl.; Trading = Trdg | Trdg.;
Technology = Tech | Tech. | Technologies; Electronics = Elec. | Electr. | Electronic;
Industrial = Ind. | Indl | Industries; Garments = Gmts | Garment;
Machinery = Mach. | Machineries; Textile = Tex | Textiles; Textiles = Tex. | Textile;
Enterprises = Ent. | Enterprise; Logistics = Logis. | Log.; Imports = Imp. | Import;
Appliances = Appl.; Appliance = Appl.; Precision = Prec.; Materials = Matls | Mat.;
Chemical = Chem. | Chemicals; Furniture = Furn.; Footwear = Ftwr | Footwears;
Apparel = Apparels; Knitwear = Knitwears | Knit; Foods = Food | Fds;
Seafood = Sea Food | Seafoods; Packaging = Pkg | Packing; Supply = Supplies | Sply;
Products = Prods | Prod.; Holding = Hldg; Global = Glbl; and = &
""")
_ROMANISATIONS = {
    k: v[0]
    for k, v in _table("""
Phat = Phát; Thanh = Thành; Cong = Công; Hoa = Hòa; Binh = Bình; Phu = Phú; Thinh = Thịnh;
Phuoc = Phước; Tan = Tân; Tien = Tiến; Viet = Việt; Hung = Hưng; Duc = Đức; Hai = Hải;
Yildiz = Yıldız; A.S. = A.Ş.; Chung Hwa = Zhonghua; Yung Fu = Yongfu; Tai Shan = Taishan;
Kuo Hsing = Guoxing; Hsin Yi = Xinyi; Daesung = Taesong; Hanil = Han-il; Seojin = Seo Jin;
Mirae = Mi Rae; Dongil = Dong-il; Sambo = Sam Bo; Lehmann = Lehman; Hoffmann = Hofmann;
Krause = Krauss
""").items()
}
"""Diacritics (Vietnamese, Turkish), Wade-Giles against pinyin, Korean romanisations, German
spellings: the same name under another writing."""
_KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm"
_CN_SYLLABLES = dict(
    zip(
        split_words(
            "hua li jin feng xin da heng tai yong sheng tian yu rui xiang hai dong fang bao kai "
            "yuan ming hong jia he fu xing an bang cheng chuang de ding fa guang hao hui jian jie "
            "jun kang le lian long mei nan ping qi quan rong run shun tong wei wen yi ying you "
            "zhong zhi chang bo cai"
        ),
        "华丽金丰新达恒泰永盛天宇瑞祥海东方宝开元明宏嘉和福兴安邦成创德鼎发光豪辉建杰骏康乐联隆美南平奇泉荣润顺通威文益盈友"
        "中智昌博彩",
        strict=True,
    )
)
"""The syllables of Chinese company words (the world's and more), and a character for each."""
CN_CITIES = dict(
    zip(
        split_words(
            "Shenzhen Dongguan Ningbo Yiwu Suzhou Xiamen Qingdao Foshan Guangzhou Hangzhou"
        ),
        split_words("深圳 东莞 宁波 义乌 苏州 厦门 青岛 佛山 广州 杭州"),
        strict=True,
    )
)
_CN_INDUSTRY = {
    k: v[0]
    for k, v in _table("""
Electronics = 电子; Technology = 科技; Digital = 数码; Machinery = 机械; Precision = 精密;
Tools = 工具; Industrial = 实业; Furniture = 家具; Toys = 玩具; Garments = 服装; Apparel = 服饰;
Knitwear = 针织; Textile = 纺织; Footwear = 鞋业; Leather = 皮革; Foods = 食品; Seafood = 水产;
Chemical = 化工; Packaging = 包装; Steel = 钢铁; Materials = 材料; Trading = 贸易
""").items()
}


def industry_phrases() -> list[str]:
    return sorted({p for group in names.INDUSTRY.values() for p in group} | {"Trading"})


def new_word(words: tuple[str, ...], rng: random.Random) -> str:
    """A distinctive word recombined from two of a country's own: their tokens when they have
    two, else the head of one and the tail of the other."""
    a, b = rng.sample(words, 2)
    if " " in a and " " in b:
        return f"{a.split()[0]} {b.split()[-1]}"
    a, b = a.split()[0], b.split()[-1]
    return a[: max(2, len(a) // 2)] + b[len(b) // 2 :].lower()


def new_cn_word(rng: random.Random) -> str:
    first, second = rng.sample(sorted(_CN_SYLLABLES), 2)
    return (first + second).capitalize()


def _syllables(word: str) -> list[str] | None:
    out, rest = [], word.lower()
    while rest:
        for size in range(min(5, len(rest)), 0, -1):
            if rest[:size] in _CN_SYLLABLES:
                out.append(rest[:size])
                rest = rest[size:]
                break
        else:
            return None
    return out


def _hanzi(name: str) -> str | None:
    """A Chinese supplier's name in Chinese characters, when every part has them."""
    m = re.fullmatch(r"(\w+) (\w+) (.+) Co\., Ltd\.", name)
    if not m or m[1] not in CN_CITIES or m[3] not in _CN_INDUSTRY:
        return None
    syllables = _syllables(m[2])
    if syllables is None:
        return None
    word = "".join(_CN_SYLLABLES[s] for s in syllables)
    return f"{CN_CITIES[m[1]]}{word}{_CN_INDUSTRY[m[3]]}有限公司"


def typo(text: str, rng: random.Random) -> str:
    """One typing slip in a word of four letters or more: two letters swapped, one dropped, one
    doubled, or a neighbouring key."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w = words[i]
    p = rng.randrange(1, len(w) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        w = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
    elif kind == 1:
        w = w[:p] + w[p + 1 :]
    elif kind == 2:
        w = w[:p] + w[p] + w[p:]
    else:
        k = _KEYBOARD.find(w[p].lower())
        near = [c for c in _KEYBOARD[max(0, k - 1) : k + 2] if c.isalpha() and c != w[p].lower()]
        w = w[:p] + (rng.choice(near) if k >= 0 and near else "e") + w[p + 1 :]
    words[i] = w
    return " ".join(words)


def _legal_form(name: str, rng: random.Random) -> str | None:
    for pattern, options in LEGAL_FORMS.items():
        m = re.search(rf"{pattern}$", name)
        if m:
            return (name[: m.start()] + rng.choice(options)).strip().rstrip(",")
    return None


def _abbreviate(name: str, rng: random.Random) -> str | None:
    found = [w for w in _ABBREVIATIONS if re.search(rf"\b{w}\b", name)]
    if not found:
        return None
    w = rng.choice(found)
    return re.sub(rf"\b{w}\b", rng.choice(_ABBREVIATIONS[w]), name, count=1)


def _drop_prefix(name: str, country: str) -> str | None:
    words = name.split()
    if (country == "CN" and words[0] in CN_CITIES) or (country in ("TH", "ID") and len(words) > 3):
        return " ".join(words[1:])
    return None


def _romanise(name: str, country: str, rng: random.Random) -> str | None:
    if country == "CN":
        hanzi = _hanzi(name)
        if hanzi and rng.random() < 0.35:
            return hanzi
        words = name.split()
        k = rng.randrange(min(2, len(words)))
        syllables = _syllables(words[k])
        if syllables and len(syllables) > 1:
            words[k] = " ".join(s.capitalize() for s in syllables)
            return " ".join(words)
        return None
    out = name
    for plain, other in _ROMANISATIONS.items():
        out = re.sub(rf"(?<!\w){re.escape(plain)}(?!\w)", other, out)
    return out if out != name else None


def name_variant(name: str, country: str, rng: random.Random) -> tuple[str, tuple[str, ...]]:
    """The name as one filer's system keeps it, and what was done to it."""
    done: list[str] = []
    steps = (
        ("romanised", 0.08, lambda n: _romanise(n, country, rng)),
        ("prefix dropped", 0.07, lambda n: _drop_prefix(n, country)),
        ("legal form", 0.45, lambda n: _legal_form(n, rng)),
        ("abbreviated", 0.2, lambda n: _abbreviate(n, rng)),
        ("typo", 0.12, lambda n: typo(n, rng)),
        ("punctuation", 0.2, lambda n: re.sub(r"\s+", " ", re.sub(r"[.,'()&-]", " ", n)).strip()),
        ("upper case", 0.4, str.upper),
    )
    for label, p, step in steps:
        if rng.random() < p:
            changed = step(name)
            if changed and changed != name:
                name = changed
                done.append(label)
                if label == "romanised" and not name.isascii():
                    break
    return name, tuple(done)


_ADDRESS_WORDS = {"Road": "Rd", "Street": "St", "Building": "Bldg", "Industrial": "Ind.",
                  "Avenue": "Ave", "Boulevard": "Blvd", "Blvd": "Boulevard", "No.": "No",
                  "strasse": "str.", "Jalan": "Jln"}  # fmt: skip


def address_variant(address: str, country: str, rng: random.Random) -> tuple[str, list[str]]:
    """An address as one filer keeps it: abbreviated, in capitals, without its unit, mistyped."""
    how = []
    if rng.random() < 0.3:
        for long, short in _ADDRESS_WORDS.items():
            address = address.replace(long, short)
        how.append("address abbreviated")
    if rng.random() < 0.1 and address.count(",") >= 2:
        address = address.split(",", 1)[1].strip()
        how.append("address part dropped")
    if rng.random() < 0.05:
        address = typo(address, rng)
        how.append("address typo")
    if rng.random() < 0.3:
        address = address.upper()
    return address, how


def id_typo(ident: str, rng: random.Random) -> str:
    """One character of an identifier's value keyed wrong."""
    scheme, value = ident.split(":", 1)
    at = rng.choice([i for i, c in enumerate(value) if c.isalnum()])
    pool = "0123456789" if value[at].isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    wrong = rng.choice(pool.replace(value[at], ""))
    return f"{scheme}:{value[:at]}{wrong}{value[at + 1 :]}"
