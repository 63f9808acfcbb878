"""Credentials: API keys (stored hashed) and the principals they resolve to."""
