"""The static site generator behind a published collection of diplomatic cables."""

__version__ = "0.9.0"
