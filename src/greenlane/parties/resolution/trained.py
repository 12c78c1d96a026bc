"""Trained parameters of the trade-party model. Written by ``bench/resolution.py --train``;
do not edit by hand."""

from greenlane.parties.resolution.model import Model

MODEL = Model(
    m={
        "name": [
            0.557956,
            0.264726,
            0.0357301,
            0.00536962,
            0.000686342,
            0.0159877,
            0.0270903,
            0.0169971,
            0.0469539,
            0.0235779,
            0.00492551,
        ],
        "legal_form": [0.984789, 0.0152109],
        "address": [0.747916, 0.0850319, 0.137284, 0.0297682],
        "country": [1, 0.0001],
        "identifiers": [0.839767, 0.111872, 0.00276766, 0.0455936],
    },
    u={
        "name": [
            2.90288e-05,
            1.42298e-05,
            0.980873,
            0.0038762,
            1e-06,
            1.13838e-06,
            4.38278e-05,
            5.69192e-06,
            0.00172124,
            0.00517282,
            0.0082624,
        ],
        "legal_form": [0.176834, 0.823166],
        "address": [0.000399982, 0.00102958, 0.0138142, 0.984756],
        "country": [0.12713, 0.87287],
        "identifiers": [4.91206e-05, 1.30988e-05, 0.303457, 0.696481],
    },
    matches_per_variant=1.57714,
    threshold=0.97,
    attach=0.8,
    trained_on="er_bench(seed=1, records=100000)",
    metrics={"variants": 31410, "labels": 17578},
)
