"""gasdesk: the counter desktop of a city gas business office and its LPG depots."""

__version__ = "0.1.0"
