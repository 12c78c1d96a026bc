"""Goods: what is declared to be in the box, judged line by line."""
