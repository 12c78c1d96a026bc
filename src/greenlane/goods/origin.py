"""Declared country of origin against what the journey and the papers show.

Each goods line's declared origin is compared with:

- the observed true origin of its container (visibility's trips: where the box was stuffed, or
  failing a stuffing event, first loaded). A trip with no true origin says nothing: no guess.
- the origin laundering pattern: the declared origin is the country of a port the box only
  passed through (a hub where it changed vessel) while it was stuffed or first loaded in another
  country. This is how goods of a high-duty origin are presented as goods of a transshipment
  country, so it is named for what it is, with both countries and both ports.
- the manufacturer's country in the filing's parties. Only the manufacturer: sellers are often
  traders in a third country (Hong Kong and Singapore houses selling Chinese goods), so a seller
  abroad is ordinary trade, not evidence about origin.
- optionally, how often earlier declarations of the same HS subheading came from that origin
  (``origin_reference`` on earlier declarations only, as in ``values``).

Every finding says what was declared, what was observed, where the evidence comes from, and
what an officer can ask for.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

ORIGIN_LINES: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "hs_code": pl.String(),
    "origin_country": pl.String(),
    "container_number": pl.String(),
}
"""Goods lines as origin findings read them; ``container_number`` may be absent (then every
container of the bill counts for the line)."""

ORIGIN_FINDINGS: dict[str, pl.DataType] = {
    "master_bill": pl.String(),
    "line_number": pl.Int32(),
    "code": pl.String(),
    "message": pl.String(),
    "declared_origin": pl.String(),
    "observed_origin": pl.String(),
}
"""``observed_origin`` is the country the evidence points to (where the journey began, or the
manufacturer's country); ``duty`` prices the difference with it."""

FILING_PREFERENCE = ("entry", "importer_security_filing", "cargo_declaration")
"""Whose declared origins count when a bill has several filings: the customs entry states the
origin duty is paid on, the ISF states it in advance, manifests rarely state it."""

_KEY = ["master_bill", "line_number"]


@dataclass(frozen=True, slots=True)
class OriginRules:
    min_history: int = 50
    """Earlier lines of an HS subheading needed before its usual origins are trusted."""
    rare_share: float = 0.005
    """An origin seen in fewer than this share of earlier lines of the subheading is rare. At
    0.5% of at least 50 lines, 'rare' means never or almost never seen."""


def _lines(goods: pl.DataFrame) -> pl.DataFrame:
    if "container_number" not in goods.columns:
        goods = goods.with_columns(container_number=pl.lit(None, pl.String))
    return goods.select([pl.col(c).cast(t) for c, t in ORIGIN_LINES.items()]).with_columns(
        origin_country=pl.col("origin_country").str.strip_chars().str.to_uppercase(),
        hs6=pl.col("hs_code").str.replace_all(r"[.\s]", "").str.slice(0, 6),
    )


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=ORIGIN_FINDINGS)


def declared_lines(goods: pl.DataFrame) -> pl.DataFrame:
    """Per bill, the goods lines of the one filing whose declared origins are judged: the latest
    version of the first filing type in FILING_PREFERENCE that names any origin.

    ``goods`` has the world's Parquet goods columns (``filing_type``, ``version`` and the
    ORIGIN_LINES columns); the same bill's lines in other filings would only repeat them."""
    rank = {t: k for k, t in enumerate(FILING_PREFERENCE)}
    with_origin = goods.filter(pl.col("origin_country").is_not_null()).with_columns(
        _rank=pl.col("filing_type").replace_strict(rank, default=len(rank), return_dtype=pl.Int32)
    )
    chosen = (
        with_origin.sort("_rank", pl.col("version"), descending=[False, True])
        .group_by("master_bill", maintain_order=True)
        .agg(pl.col("filing_type").first(), pl.col("reference").first(), pl.col("version").first())
    )
    return with_origin.join(
        chosen, on=["master_bill", "filing_type", "reference", "version"], how="semi"
    ).drop("_rank")


def _line_trips(lines: pl.DataFrame, trips: pl.DataFrame) -> pl.DataFrame:
    """Each line with the trips that carried it: its own container's trip where the bill's trips
    include that container, else every trip of the bill. Trips without a true origin are then
    dropped, so a line whose own box has no known origin gets no finding."""
    t = trips.select(
        "trip_id",
        pl.col("bill_of_lading").alias("master_bill"),
        pl.col("container_number").alias("trip_container"),
        "true_origin",
        "origin_basis",
        "stuffed_at",
        "stuffing_facility",
        "first_load_port",
        "first_loaded_at",
        "observed_ports",
        "port_of_loading",
        "port_of_discharge",
        "place_of_delivery",
    )
    pairs = lines.join(t, on="master_bill", how="inner")
    own = pl.col("trip_container") == pl.col("container_number")
    return (
        pairs.with_columns(_has_own=own.fill_null(False).any().over(_KEY))
        .filter(~pl.col("_has_own") | own.fill_null(False))
        .drop("_has_own")
        .filter(pl.col("true_origin").is_not_null())
        .with_columns(observed_origin=pl.col("true_origin").str.slice(0, 2))
    )


def _passed_ports(pairs: pl.DataFrame) -> pl.DataFrame:
    """Ports each trip touched after its first, other than where it was bound (declared port of
    discharge and place of delivery; the last port seen when neither is declared), in another
    country than where it began: the ports the box only passed through."""
    trips = pairs.select(
        "trip_id", "observed_ports", "port_of_discharge", "place_of_delivery", "observed_origin"
    ).unique("trip_id")
    ports = (
        trips.with_columns(
            _n=pl.col("observed_ports").list.len(),
        )
        .explode("observed_ports")
        .rename({"observed_ports": "port"})
        .with_columns(_pos=pl.int_range(pl.len()).over("trip_id"))
        .drop_nulls("port")
    )
    bound = (pl.col("port") == pl.col("port_of_discharge")).fill_null(False) | (
        pl.col("port") == pl.col("place_of_delivery")
    ).fill_null(False)
    undeclared_end = (
        pl.col("port_of_discharge").is_null()
        & pl.col("place_of_delivery").is_null()
        & (pl.col("_pos") == pl.col("_n") - 1)
    )
    return (
        ports.filter((pl.col("_pos") > 0) & ~bound & ~undeclared_end)
        .with_columns(port_country=pl.col("port").str.slice(0, 2))
        .filter(pl.col("port_country") != pl.col("observed_origin"))
        .group_by("trip_id", "port_country")
        .agg(pl.col("port").unique(maintain_order=True).alias("passed"))
    )


def _began() -> pl.Expr:
    """Where and how the journey began, in words, with the evidence it rests on."""
    day = pl.coalesce("stuffed_at", "first_loaded_at").dt.strftime("%Y-%m-%d").fill_null("?")
    facility = pl.concat_str(pl.lit(" at "), pl.col("stuffing_facility")).fill_null("")
    stuffed = pl.concat_str(
        pl.lit("was stuffed at "),
        pl.col("true_origin"),
        pl.lit(" ("),
        pl.col("observed_origin"),
        pl.lit(") on "),
        day,
        facility,
        pl.lit(" (stuffing event)"),
    )
    loaded = pl.concat_str(
        pl.lit("was first loaded at "),
        pl.col("true_origin"),
        pl.lit(" ("),
        pl.col("observed_origin"),
        pl.lit(") on "),
        day,
        pl.lit(" (load event; no stuffing reported)"),
    )
    return pl.when(pl.col("origin_basis") == "stuffing").then(stuffed).otherwise(loaded)


def _more(n: pl.Expr) -> pl.Expr:
    return (
        pl.when(n > 1)
        .then(
            pl.concat_str(pl.lit(" ("), (n - 1).cast(pl.String), pl.lit(" more containers alike)"))
        )
        .otherwise(pl.lit(""))
    )


def _observed_there(lines: pl.DataFrame, trips: pl.DataFrame) -> pl.DataFrame:
    """Lines whose containers are seen to begin their journey in the declared origin."""
    pairs = _line_trips(lines.drop_nulls("origin_country"), trips)
    return pairs.filter(pl.col("observed_origin") == pl.col("origin_country")).select(_KEY).unique()


def _route_findings(lines: pl.DataFrame, trips: pl.DataFrame) -> pl.DataFrame:
    pairs = _line_trips(lines.drop_nulls("origin_country"), trips)
    if pairs.is_empty():
        return _empty()
    seen = pl.col("observed_origin") == pl.col("origin_country")
    differs = pairs.filter(~seen.any().over(_KEY)).sort("trip_id")
    laundered = differs.join(
        _passed_ports(differs),
        left_on=["trip_id", "origin_country"],
        right_on=["trip_id", "port_country"],
        how="inner",
    ).with_columns(_n=pl.len().over(_KEY))
    laundered = laundered.group_by(_KEY, maintain_order=True).first()
    pol = (
        pl.when(pl.col("passed").list.contains(pl.col("port_of_loading")).fill_null(False))
        .then(pl.lit(", which the filing names as port of loading"))
        .otherwise(pl.lit(""))
    )
    laundering = laundered.select(
        *_KEY,
        code=pl.lit("goods.origin_laundering"),
        message=pl.concat_str(
            pl.lit("declared origin "),
            pl.col("origin_country"),
            pl.lit(", but container "),
            pl.col("trip_container"),
            pl.lit(" "),
            _began(),
            pl.lit(" and only passed through "),
            pl.col("passed").list.join(", "),
            pl.lit(" ("),
            pl.col("origin_country"),
            pl.lit(")"),
            pol,
            _more(pl.col("_n")),
            pl.lit(": goods of "),
            pl.col("observed_origin"),
            pl.lit(" presented as of "),
            pl.col("origin_country"),
            pl.lit(
                " origin, the origin laundering pattern. Ask for the certificate of origin and"
                " the manufacturer's invoice; examine origin markings"
            ),
        ),
        declared_origin=pl.col("origin_country"),
        observed_origin=pl.col("observed_origin"),
    )
    other = differs.join(laundered.select(_KEY), on=_KEY, how="anti").with_columns(
        _n=pl.len().over(_KEY)
    )
    other = other.group_by(_KEY, maintain_order=True).first()
    route = other.select(
        *_KEY,
        code=pl.lit("goods.origin_route_differs"),
        message=pl.concat_str(
            pl.lit("declared origin "),
            pl.col("origin_country"),
            pl.lit(", but container "),
            pl.col("trip_container"),
            pl.lit(" "),
            _began(),
            _more(pl.col("_n")),
            pl.lit("; no container of bill "),
            pl.col("master_bill"),
            pl.lit(" began its journey in "),
            pl.col("origin_country"),
            pl.lit(". Ask for proof of origin (certificate of origin, manufacturer's invoice)"),
        ),
        declared_origin=pl.col("origin_country"),
        observed_origin=pl.col("observed_origin"),
    )
    return pl.concat([laundering, route])


def _manufacturer_findings(lines: pl.DataFrame, parties: pl.DataFrame) -> pl.DataFrame:
    makers = (
        parties.filter((pl.col("role") == "manufacturer") & pl.col("country").is_not_null())
        .select(
            "master_bill",
            pl.col("name").alias("maker"),
            pl.col("country").str.strip_chars().str.to_uppercase().alias("maker_country"),
        )
        .unique(maintain_order=True)
    )
    j = lines.drop_nulls("origin_country").join(makers, on="master_bill", how="inner")
    agrees = (pl.col("maker_country") == pl.col("origin_country")).any().over(_KEY)
    odd = (
        j.filter(~agrees)
        .group_by(_KEY, maintain_order=True)
        .agg(
            pl.col("origin_country").first(),
            pl.col("maker").first(),
            pl.col("maker_country").first(),
            pl.len().alias("_n"),
        )
    )
    return odd.select(
        *_KEY,
        code=pl.lit("goods.origin_manufacturer_differs"),
        message=pl.concat_str(
            pl.lit("declared origin "),
            pl.col("origin_country"),
            pl.lit(", but the manufacturer named in the filing"),
            pl.concat_str(pl.lit(", "), pl.col("maker"), pl.lit(",")).fill_null(""),
            pl.lit(" is in "),
            pl.col("maker_country"),
            pl.when(pl.col("_n") > 1)
            .then(pl.lit(" (no manufacturer named is in the declared origin)"))
            .otherwise(pl.lit("")),
            pl.lit(". Ask where the goods were made and for the certificate of origin"),
        ),
        declared_origin=pl.col("origin_country"),
        observed_origin=pl.col("maker_country"),
    )


def origin_reference(history: pl.DataFrame) -> pl.DataFrame:
    """How often each origin was declared for each HS subheading in earlier declarations: one
    row per (hs6, origin_country) with its count ``k``, the subheading's total ``n`` and its
    ``usual`` origins in words (the three commonest with their shares)."""
    h = _lines(history).drop_nulls("origin_country").filter(pl.col("hs6").str.len_chars() == 6)
    counts = h.group_by("hs6", "origin_country").agg(k=pl.len())
    total = counts.group_by("hs6").agg(n=pl.col("k").sum())
    top = (
        counts.join(total, on="hs6")
        .sort(["hs6", "k", "origin_country"], descending=[False, True, False])
        .group_by("hs6", maintain_order=True)
        .head(3)
        .group_by("hs6", maintain_order=True)
        .agg(
            pl.concat_str(
                pl.col("origin_country"),
                pl.lit(" "),
                (100 * pl.col("k") / pl.col("n")).round(0).cast(pl.Int64).cast(pl.String),
                pl.lit("%"),
            )
            .str.join(", ")
            .alias("usual")
        )
    )
    return counts.join(total, on="hs6").join(top, on="hs6").sort("hs6", "origin_country")


def _rare_findings(
    lines: pl.DataFrame, reference: pl.DataFrame, rules: OriginRules
) -> pl.DataFrame:
    per_hs = reference.select("hs6", "n", "usual").unique("hs6")
    j = (
        lines.drop_nulls("origin_country")
        .join(per_hs, on="hs6", how="inner")
        .join(
            reference.select("hs6", "origin_country", "k"), on=["hs6", "origin_country"], how="left"
        )
        .with_columns(pl.col("k").fill_null(0))
        .filter((pl.col("n") >= rules.min_history) & (pl.col("k") < rules.rare_share * pl.col("n")))
    )
    return j.select(
        *_KEY,
        code=pl.lit("goods.origin_rare"),
        message=pl.concat_str(
            pl.lit("origin "),
            pl.col("origin_country"),
            pl.lit(" declared for HS "),
            pl.col("hs6"),
            pl.lit(", which "),
            pl.col("k").cast(pl.String),
            pl.lit(" of "),
            pl.col("n").cast(pl.String),
            pl.lit(" earlier declarations of this subheading gave (usual origins: "),
            pl.col("usual"),
            pl.lit("). Check the origin and the classification"),
        ),
        declared_origin=pl.col("origin_country"),
        observed_origin=pl.lit(None, pl.String),
    )


def origin_findings(
    goods: pl.DataFrame,
    trips: pl.DataFrame | None = None,
    parties: pl.DataFrame | None = None,
    reference: pl.DataFrame | None = None,
    rules: OriginRules | None = None,
) -> pl.DataFrame:
    """Origin findings per goods line, in ORIGIN_FINDINGS columns: ``goods.origin_laundering``
    and ``goods.origin_route_differs`` (from visibility ``trips``, joined on bill of lading =
    master bill), ``goods.origin_manufacturer_differs`` (from ``parties``: master_bill, role,
    name, country), ``goods.origin_rare`` (from an ``origin_reference`` of earlier lines).
    Each source is optional; a line gets at most one of the two route findings, and no rare
    origin finding when its box is seen to begin its journey in the declared origin: what was
    observed outweighs what is merely unusual."""
    rules = rules or OriginRules()
    lines = _lines(goods)
    out = [_empty()]
    if trips is not None:
        out.append(_route_findings(lines, trips))
    if parties is not None:
        out.append(_manufacturer_findings(lines, parties))
    if reference is not None:
        rare = _rare_findings(lines, reference, rules)
        if trips is not None:
            rare = rare.join(_observed_there(lines, trips), on=_KEY, how="anti")
        out.append(rare)
    columns = [pl.col(c).cast(t) for c, t in ORIGIN_FINDINGS.items()]
    return pl.concat([f.select(columns) for f in out]).sort("master_bill", "line_number", "code")
