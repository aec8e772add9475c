"""vaultnet: grow your career from a plain-text vault."""

__version__ = "0.1.0"
