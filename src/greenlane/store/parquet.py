"""The frame contract read from a folder of Parquet files: ``<frame>*.parquet`` for each frame.

``ParquetFrames(folder)`` is a ``greenlane.domain.frames.FrameSource`` like the database's
``StoreFrames``: a batch job, a Spark export or the ``world parquet`` command writes the frames
(several parts of a frame are read together, in file-name order) and every stage reads them as it
reads the store. The frames of ``REQUIRED`` must be there; the others are empty when absent.
Trusted-trader memberships and ports are records, not frames: give them when there are any.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from greenlane.domain.frames import CONTRACT, REQUIRED, conformed
from greenlane.domain.records import Port, TrustedTraderMembership
from greenlane.errors import ConfigurationError

ORDER: dict[str, tuple[str, ...]] = {
    "shipments": ("master_bill",),
    "filings": ("master_bill", "filed_at"),
    "parties": ("master_bill", "filed_at"),
    "goods_lines": ("master_bill", "filed_at"),
    "events": ("container_number", "occurred_at"),
    "labels": ("master_bill", "scenario"),
}
"""The order the store gives these frames in; rows that tie keep the files' order."""


class ParquetFrames:
    """A folder of Parquet frames as a frame source."""

    def __init__(
        self,
        folder: str | Path,
        *,
        memberships: Sequence[TrustedTraderMembership] = (),
        ports: Sequence[Port] = (),
    ) -> None:
        self.folder = Path(folder)
        missing = [name for name in REQUIRED if not self.files_of(name)]
        if missing:
            raise ConfigurationError(
                f"not a folder of frames: no {', '.join(f'{m}*.parquet' for m in missing)}",
                where=str(self.folder),
                expected="Parquet files named after the frames, as `world parquet` writes them",
            )
        self._memberships = list(memberships)
        self._ports = list(ports)
        self._kept: dict[str, pl.DataFrame] = {}

    def files_of(self, name: str) -> list[Path]:
        """The files of the frame ``name``: ``<name>.parquet`` or its parts ``<name>-<k>``."""
        # "events*" must not take "events_old.parquet": the frame's own files only.
        return sorted(
            p
            for p in self.folder.glob(f"{name}*.parquet")
            if p.stem == name or p.stem[len(name)] == "-"
        )

    def files(self) -> list[Path]:
        """Every file of every frame, for naming the data a model learns from."""
        return [p for name in CONTRACT for p in self.files_of(name)]

    def frame(self, name: str) -> pl.DataFrame:
        """The frame ``name`` of the contract, in its schema."""
        if name not in self._kept:
            schema = CONTRACT[name]
            files = self.files_of(name)
            if not files:
                self._kept[name] = pl.DataFrame(schema=schema)
                return self._kept[name]
            try:
                raw = pl.concat([pl.read_parquet(p) for p in files], how="diagonal_relaxed")
            except (OSError, pl.exceptions.PolarsError) as exc:
                raise ConfigurationError(f"cannot read {name}: {exc}", where=str(files[0])) from exc
            lacking = [c for c in schema if c not in raw.columns]
            if lacking:
                raise ConfigurationError(
                    f"{name} lacks {', '.join(lacking)}",
                    where=str(files[0]),
                    expected=", ".join(schema),
                )
            frame = conformed(raw, schema)
            if name in ORDER:
                frame = frame.sort(ORDER[name], maintain_order=True, nulls_last=True)
            self._kept[name] = frame
        return self._kept[name]

    def shipments(self) -> pl.DataFrame:
        return self.frame("shipments")

    def filings(self) -> pl.DataFrame:
        return self.frame("filings")

    def parties(self) -> pl.DataFrame:
        return self.frame("parties")

    def goods_lines(self) -> pl.DataFrame:
        return self.frame("goods_lines")

    def events(self) -> pl.DataFrame:
        return self.frame("events")

    def seal_readings(self) -> pl.DataFrame:
        return self.frame("seal_readings")

    def inspections(self) -> pl.DataFrame:
        return self.frame("inspections")

    def labels(self) -> pl.DataFrame:
        return self.frame("labels")

    def goods_findings(self) -> pl.DataFrame:
        return self.frame("goods_findings")

    def screening_hits(self) -> pl.DataFrame:
        return self.frame("screening_hits")

    def entities(self) -> pl.DataFrame:
        return self.frame("entities")

    def recognitions(self) -> pl.DataFrame:
        return self.frame("recognitions")

    def memberships(self) -> list[TrustedTraderMembership]:
        return self._memberships

    def ports(self) -> list[Port]:
        return self._ports


def write_frames(frames: dict[str, pl.DataFrame], folder: str | Path) -> list[Path]:
    """Write frames of the contract as ``<name>.parquet`` in ``folder``, each in its schema."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        if name not in CONTRACT:
            raise ConfigurationError(f"{name!r} is not a frame", expected=", ".join(CONTRACT))
        path = out / f"{name}.parquet"
        conformed(frame, CONTRACT[name]).write_parquet(path)
        written.append(path)
    return written
