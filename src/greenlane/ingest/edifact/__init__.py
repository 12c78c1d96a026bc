"""UN/EDIFACT: COARRI, CODECO, IFTSTA, BAPLIE and CUSCAR in, COARRI, CODECO and IFTSTA out."""

from greenlane.ingest.edifact.adapter import ADAPTER, EdifactAdapter

__all__ = ["ADAPTER", "EdifactAdapter"]
