"""The learned targeting model over a named data source: train, evaluate, score, watch for drift,
simulate exploration, and score the stored shipments for ``greenlane assess --model``.

A source is KCS declarations (CSV files), a folder of Parquet frames (the ``world parquet``
command writes one) or the shipments in the database. The last two are shipments, made
declarations by ``greenlane.learn.declarations`` from the frame contract, so they train with the
shipment features and a model trained on one scores the other alike.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from greenlane.errors import ConfigurationError

if TYPE_CHECKING:
    from greenlane.domain.frames import FrameSource
    from greenlane.learn.artefact import Artefact
    from greenlane.learn.drift import DriftReport
    from greenlane.risk.casefile import CaseFiles
    from greenlane.store import Database

SourceKind = Literal["kcs", "parquet", "store"]
SOURCES: dict[str, str] = {
    "kcs": "KCS declarations CSV files",
    "parquet": "one folder of Parquet frames (the world parquet command writes one)",
    "store": "the shipments in the database (no files)",
}
ALIASES = {"world": "parquet"}
"""Older names of the sources: a generated world's Parquet folder is a frame folder."""
LABELS = ("inspections", "threats")


def quiet_threads() -> None:
    """On shared cores OpenMP threads that spin while idle slow everything; set before
    LightGBM loads."""
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")


@dataclass(frozen=True, slots=True)
class DataSource:
    """Where declarations come from: ``kind`` with its ``files``, or the database at
    ``database`` (the configured one when None)."""

    kind: str
    files: tuple[Path, ...] = ()
    database: str | None = None

    def checked(self) -> DataSource:
        """This source with its kind resolved, or a clear error saying what it needs."""
        kind = ALIASES.get(self.kind, self.kind)
        if kind not in SOURCES:
            raise ConfigurationError(f"unknown source {self.kind!r}", expected=", ".join(SOURCES))
        if kind == "store" and self.files:
            raise ConfigurationError("--source store reads the database: give no files")
        if kind != "store" and not self.files:
            raise ConfigurationError(f"--source {kind} needs files", expected=SOURCES[kind])
        if kind == "parquet" and len(self.files) != 1:
            raise ConfigurationError("--source parquet takes one folder", expected=SOURCES[kind])
        return replace(self, kind=kind)


@dataclass(frozen=True, slots=True)
class Declarations:
    """Canonical declarations (``greenlane.learn.schema.DECLARATIONS``), the version of the data
    they come from, and whether they are shipments (trained with the shipment features)."""

    frame: pl.DataFrame
    version: str
    shipments: bool = field(default=False)


def frame_version(frame: pl.DataFrame) -> str:
    """A short hash of the declarations themselves, for data read from a database."""
    buffer = io.BytesIO()
    frame.write_ipc(buffer)
    return "sha256:" + hashlib.sha256(buffer.getvalue()).hexdigest()[:16]


def _frames(source: DataSource) -> tuple[FrameSource, str | None]:
    """The frame source of a parquet or store source, and the data version of its files."""
    from greenlane.learn.kcs import data_version

    if source.kind == "store":
        from greenlane.store import Database
        from greenlane.store.frames import StoreFrames

        return StoreFrames(Database.connect(source.database)), None
    from greenlane.store.parquet import ParquetFrames

    frames = ParquetFrames(source.files[0])
    return frames, data_version(frames.files())


def load_declarations(
    source: DataSource, labels: str = "inspections", indicators: Path | None = None
) -> Declarations:
    """The declarations of ``source`` labelled by ``labels`` (inspections or threats), with the
    case-file indicator values in ``indicators`` (Parquet) as extra features."""
    source = source.checked()
    if labels not in LABELS:
        raise ConfigurationError(f"unknown labels {labels!r}", expected=" or ".join(LABELS))
    if source.kind == "kcs":
        from greenlane.learn.kcs import data_version, read_kcs

        return Declarations(read_kcs(source.files), data_version(source.files))
    from greenlane.learn.declarations import declarations

    extra = pl.read_parquet(indicators) if indicators else None
    frames, version = _frames(source)
    frame = declarations(frames, labels, extra)  # type: ignore[arg-type]
    return Declarations(frame, version or frame_version(frame), shipments=True)


def train_model(
    source: DataSource,
    out: Path,
    *,
    labels: str = "inspections",
    indicators: Path | None = None,
    seed: int = 0,
    validation_share: float = 0.25,
    threads: int = 2,
) -> tuple[Artefact, Path]:
    """Train on the labelled declarations, validate on their latest months, save the model in
    ``out``; the model and where its metadata went."""
    quiet_threads()
    from greenlane.learn import TrainConfig, save_artefact, train
    from greenlane.learn.declarations import shipment_spec

    data = load_declarations(source, labels, indicators)
    config = TrainConfig(seed=seed, validation_share=validation_share, threads=threads)
    if data.shipments:
        config = replace(config, spec=shipment_spec())
    model = train(data.frame, config, data_version=data.version)
    return model, save_artefact(model, out)


def evaluate_model(
    model: Path,
    source: DataSource,
    *,
    labels: str = "inspections",
    indicators: Path | None = None,
) -> dict[str, Any]:
    """Metrics of the model on the labelled declarations, on those with no identical
    declaration in its history (``novel``), and how well its probabilities hold."""
    quiet_threads()
    import numpy as np

    from greenlane.learn import load_artefact, score
    from greenlane.learn.calibrate import reliability
    from greenlane.learn.metrics import targeting_metrics
    from greenlane.learn.score import matrix

    artefact = load_artefact(model)
    data = load_declarations(source, labels, indicators)
    frame = data.frame.filter(pl.col("label").is_not_null())
    if frame.is_empty():
        raise ConfigurationError("no labelled declarations to evaluate on")
    p = score(artefact, frame, explain=False)["probability"].to_numpy()
    y = frame["label"].to_numpy()
    parts = {"all": targeting_metrics(p, y)}
    if "h_identical_n" in artefact.features:
        novel = (matrix(artefact, frame)["h_identical_n"] == 0).to_numpy()
        if novel.any():
            parts["novel"] = targeting_metrics(p[novel], y[novel])
    return {
        "data_version": data.version,
        "model_data_version": artefact.meta.get("data_version"),
        **parts,
        "reliability": reliability(p, y),
        "mean_probability": float(np.mean(p)),
        "hit_rate": float(np.mean(y)),
    }


def score_with_model(
    model: Path,
    source: DataSource,
    *,
    indicators: Path | None = None,
    rank_by: str = "probability",
) -> pl.DataFrame:
    """Every declaration scored: probability, expected duty at risk, rank and reasons, in rank
    order."""
    quiet_threads()
    from greenlane.learn import load_artefact, score

    if rank_by not in ("probability", "duty_at_risk"):
        raise ConfigurationError("--rank-by must be probability or duty_at_risk")
    data = load_declarations(source, "inspections", indicators)
    scored = score(load_artefact(model), data.frame, rank_by=rank_by)  # type: ignore[arg-type]
    return scored.sort("rank")


def model_drift(
    model: Path,
    source: DataSource,
    *,
    labels: str = "inspections",
    indicators: Path | None = None,
    today: date | None = None,
    max_age_days: int = 180,
) -> DriftReport:
    """Recent declarations against the model's validation months: score and feature shifts,
    hit rate and precision of top picks, and whether it is time to retrain."""
    quiet_threads()
    import numpy as np

    from greenlane.learn import load_artefact
    from greenlane.learn.drift import monitor
    from greenlane.learn.score import matrix, probability

    artefact = load_artefact(model)
    frame = load_declarations(source, labels, indicators).frame
    y = frame["label"].cast(float).fill_null(float("nan")).to_numpy()
    latest = frame["date"].max()
    return monitor(
        artefact.meta["reference"],
        matrix(artefact, frame),
        probability(artefact, frame),
        y if np.isfinite(y).any() else None,
        trained_on=date.fromisoformat(artefact.meta["period"][1]),
        today=today or (latest if isinstance(latest, date) else None),
        max_age_days=max_age_days,
    )


def simulate_exploration(
    source: DataSource,
    *,
    labels: str = "threats",
    capacity: float = 0.1,
    shares: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3),
    mode: str = "random",
    seed: int = 0,
    later_from: int = 6,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Replay the months, inspecting within capacity and learning only what was inspected: the
    rows per share and month, and per share what exploring costs now and gains later."""
    quiet_threads()
    from greenlane.learn.exploration import Simulation, simulate, summarise

    if mode not in ("random", "uncertain"):
        raise ConfigurationError("--mode must be random or uncertain")
    frame = load_declarations(source, labels).frame
    rows = simulate(frame, Simulation(capacity, shares, mode, seed))  # type: ignore[arg-type]
    return rows, summarise(rows, later_from)


def model_probabilities(db: Database, case: CaseFiles, folder: Path) -> pl.DataFrame:
    """The model's probability for each stored shipment (master_bill, probability), its
    declarations built from the store as in training, with the case-file indicators where the
    model was trained on them."""
    quiet_threads()
    from greenlane.learn import load_artefact
    from greenlane.learn.declarations import declarations
    from greenlane.learn.schema import EXTRA
    from greenlane.learn.score import risk_input, score
    from greenlane.risk.indicators import compute_indicators
    from greenlane.store.frames import StoreFrames

    artefact = load_artefact(folder)
    wanted = any(name.startswith(EXTRA) for name in artefact.features)
    indicators = compute_indicators(case)[0] if wanted else None
    found = declarations(StoreFrames(db), indicators=indicators)
    return risk_input(score(artefact, found, explain=False))


def model_card(folder: Path) -> dict[str, Any]:
    """What a trained model folder says of itself: data version, training period, validation,
    features, calibration and parameters; a ConfigurationError when it holds no model."""
    from greenlane.learn.artefact import read_meta

    return read_meta(folder)
