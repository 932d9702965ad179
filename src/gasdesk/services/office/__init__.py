"""The office itself: its users (and their passwords) and its address tree of areas and compounds."""
