"""Printouts: every one is a reportlab PDF made here and returned as bytes."""
