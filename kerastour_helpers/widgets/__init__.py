"""Pickers: ipywidgets that also leave a static output for the book's HTML (ipywidgets 7 and 8)."""
