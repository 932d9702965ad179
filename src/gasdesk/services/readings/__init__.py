"""Meter readings: routes, entry, imports and the three checks of a reading (三准)."""
