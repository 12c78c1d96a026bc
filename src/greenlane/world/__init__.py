"""greenlane.world"""
