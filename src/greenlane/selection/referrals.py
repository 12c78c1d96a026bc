"""The EU ICS2 pre-loading answers and what each one means for the lane.

ICS2 answers a filing made before loading with one of four outcomes. ``do_not_load`` is an
imminent threat: it is a hard stop, examined whatever the capacity. ``request_for_screening``
(high-risk cargo and mail screening) and ``request_for_information`` need the filer or the
screener to act before the goods move, so the shipment gets at least a documents check (yellow);
a trusted-trader benefit never turns a referral into a release. ``assessment_complete`` changes
nothing.
"""

from __future__ import annotations

ASSESSMENT_COMPLETE = "assessment_complete"
REQUEST_FOR_INFORMATION = "request_for_information"
REQUEST_FOR_SCREENING = "request_for_screening"
DO_NOT_LOAD = "do_not_load"

REFERRALS: tuple[str, ...] = (
    ASSESSMENT_COMPLETE,
    REQUEST_FOR_INFORMATION,
    REQUEST_FOR_SCREENING,
    DO_NOT_LOAD,
)

# Referrals that hold a shipment for at least a documents check.
AT_LEAST_YELLOW: tuple[str, ...] = (REQUEST_FOR_INFORMATION, REQUEST_FOR_SCREENING)

# How each referral reads in an explanation.
REFERRAL_WORDS: dict[str, str] = {
    ASSESSMENT_COMPLETE: "ICS2 assessment complete",
    REQUEST_FOR_INFORMATION: "ICS2 request for information (the filer must answer before loading)",
    REQUEST_FOR_SCREENING: "ICS2 request for high-risk cargo screening before loading",
    DO_NOT_LOAD: "ICS2 do not load",
}
