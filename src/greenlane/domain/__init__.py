"""greenlane.domain: the domain types (canonical records, codes, identifiers, ports, watch-list
entries) and the frame contract every stage reads."""
