"""greenlane.learn: a model trained on past inspection outcomes, kept honest about time.

Declarations from any source (the KCS dataset; shipments from the store or from Parquet
frames, ``declarations``) are first put in one canonical frame (``schema.DECLARATIONS``);
features are built only from what was known before each declaration (``history``); the model is
a LightGBM booster saved as text beside JSON metadata, never pickled (``artefact``); ``drift``
says when to retrain and ``exploration`` what a share of exploratory inspections costs now and
gains later.
"""

from greenlane.learn.artefact import Artefact, load_artefact, save_artefact
from greenlane.learn.kcs import read_kcs
from greenlane.learn.schema import DECLARATIONS, conform
from greenlane.learn.score import score
from greenlane.learn.train import TrainConfig, train

__all__ = [
    "DECLARATIONS",
    "Artefact",
    "TrainConfig",
    "conform",
    "load_artefact",
    "read_kcs",
    "save_artefact",
    "score",
    "train",
]
