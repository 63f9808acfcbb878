"""Flowgate: a runtime for published AI workflow apps."""

__version__ = "0.1.0"
