"""A team's data sources: CRUD with encrypted credentials, connection tests, read-only queries."""

from __future__ import annotations
