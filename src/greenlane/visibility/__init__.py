"""greenlane.visibility"""
