"""Programs: trusted-trader memberships, mutual recognition, CSI ports, and the Green Lane.

``assess_eligibility(case, programs)`` judges every shipment against the five Green Lane
requirements with evidence; ``selection_input`` gives eligible shipments their tier's benefits
in selection (never over a hard stop; ``greenlane.app.pipeline`` runs it as a step of the one
decision pipeline); ``release_times``, ``resumption_order``,
``ruling_queue`` and ``path_to_green_lane`` deliver the other benefits and tell a trader what
stands in the way. See docs/greenlane-lane.md.
"""

from greenlane.programs.benefits import selection_input
from greenlane.programs.eligibility import (
    ELIGIBILITY,
    EVIDENCE,
    Eligibility,
    assess_eligibility,
    read_eligibility,
    write_eligibility,
)
from greenlane.programs.frames import Programs, programs_from_records
from greenlane.programs.mitigation import Mitigation
from greenlane.programs.path import GreenLanePath, path_to_green_lane
from greenlane.programs.recognitions import DEFAULT_RECOGNITIONS
from greenlane.programs.release import ReleaseModel, release_times
from greenlane.programs.resumption import resumption_order
from greenlane.programs.rosters import Recognition
from greenlane.programs.rules import REQUIREMENTS, EligibilityRules
from greenlane.programs.rulings import RulingRequest, ruling_queue

__all__ = [
    "DEFAULT_RECOGNITIONS",
    "ELIGIBILITY",
    "EVIDENCE",
    "REQUIREMENTS",
    "Eligibility",
    "EligibilityRules",
    "GreenLanePath",
    "Mitigation",
    "Programs",
    "Recognition",
    "ReleaseModel",
    "RulingRequest",
    "assess_eligibility",
    "path_to_green_lane",
    "programs_from_records",
    "read_eligibility",
    "release_times",
    "resumption_order",
    "ruling_queue",
    "selection_input",
    "write_eligibility",
]
