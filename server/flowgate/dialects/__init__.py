"""Renderers for the documented HTTP families: domain events → exact wire bytes."""
