"""The trained model as files a person can read and a later run can trust; never a pickle.

A model folder holds:

- ``model.txt``: the LightGBM booster as text (``Booster.model_to_string``);
- ``history.parquet``: the frozen history counts the features are built from at scoring time;
- ``model.json``: the data version (hash of the training files), the period and rows trained
  on, the feature spec and the features used, the parameters, the calibration, the metrics on
  the validation months, and the SHA-256 of the two other files, checked on load.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lightgbm as lgb
import polars as pl

from greenlane.errors import ConfigurationError
from greenlane.learn.calibrate import Platt
from greenlane.learn.features import FeatureSpec

FORMAT = "greenlane-model/1"
BOOSTER, HISTORY, META = "model.txt", "history.parquet", "model.json"


@dataclass
class Artefact:
    booster: lgb.Booster
    spec: FeatureSpec
    history: pl.DataFrame
    calibration: Platt
    prior: float
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def features(self) -> list[str]:
        return self.spec.used


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_artefact(artefact: Artefact, folder: str | Path) -> Path:
    """Write the three files into ``folder`` (created if needed); returns the JSON's path."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    text = artefact.booster.model_to_string().encode("utf-8")
    (out / BOOSTER).write_bytes(text)
    artefact.history.write_parquet(out / HISTORY)
    meta = {
        "format": FORMAT,
        **artefact.meta,
        "features": artefact.features,
        "spec": artefact.spec.to_json(),
        "prior": artefact.prior,
        "calibration": {
            "method": "platt",
            "slope": artefact.calibration.slope,
            "intercept": artefact.calibration.intercept,
        },
        "files": {
            BOOSTER: _sha(text),
            HISTORY: _sha((out / HISTORY).read_bytes()),
        },
    }
    (out / META).write_text(json.dumps(meta, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return out / META


def read_meta(folder: str | Path) -> dict[str, Any]:
    """The JSON metadata alone (``greenlane model show``), without loading the booster."""
    path = Path(folder) / META
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigurationError(f"cannot read the model metadata: {exc}", where=str(path)) from exc
    if meta.get("format") != FORMAT:
        raise ConfigurationError("not a greenlane model", where=str(path), expected=FORMAT)
    return meta


def load_artefact(folder: str | Path) -> Artefact:
    """The model in ``folder``, its files checked against the hashes its JSON recorded."""
    root = Path(folder)
    meta = read_meta(root)
    blobs = {}
    for name in (BOOSTER, HISTORY):
        try:
            blobs[name] = (root / name).read_bytes()
        except OSError as exc:
            raise ConfigurationError(f"model file missing: {exc}", where=str(root / name)) from exc
        if _sha(blobs[name]) != meta.get("files", {}).get(name):
            raise ConfigurationError(
                "model file changed since the model was saved", where=str(root / name)
            )
    calibration = meta["calibration"]
    return Artefact(
        booster=lgb.Booster(model_str=blobs[BOOSTER].decode("utf-8")),
        spec=FeatureSpec.from_json(meta["spec"]),
        history=pl.read_parquet(root / HISTORY),
        calibration=Platt(float(calibration["slope"]), float(calibration["intercept"])),
        prior=float(meta["prior"]),
        meta={k: v for k, v in meta.items() if k not in ("spec", "calibration", "files")},
    )
