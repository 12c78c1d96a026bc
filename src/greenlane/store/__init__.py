"""greenlane.store"""
