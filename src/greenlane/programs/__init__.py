"""Programs: trusted-trader memberships, mutual recognition, CSI ports, and the Green Lane.

``assess_eligibility(case, programs)`` judges every shipment against the five Green Lane
requirements with evidence. See docs/greenlane-lane.md.
"""

from greenlane.programs.eligibility import (
    ELIGIBILITY,
    EVIDENCE,
    Eligibility,
    assess_eligibility,
    read_eligibility,
    write_eligibility,
)
from greenlane.programs.frames import Programs, programs_from_records
from greenlane.programs.recognitions import DEFAULT_RECOGNITIONS
from greenlane.programs.rosters import Recognition
from greenlane.programs.rules import REQUIREMENTS, EligibilityRules

__all__ = [
    "DEFAULT_RECOGNITIONS",
    "ELIGIBILITY",
    "EVIDENCE",
    "REQUIREMENTS",
    "Eligibility",
    "EligibilityRules",
    "Programs",
    "Recognition",
    "assess_eligibility",
    "programs_from_records",
    "read_eligibility",
    "write_eligibility",
]
