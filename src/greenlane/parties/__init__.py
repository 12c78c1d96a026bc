"""Parties: who is in a shipment's chain, who they really are, and whether they are listed."""
