"""greenlane.model"""
