"""A team's data sources: CRUD with encrypted credentials, connection tests, read-only queries.

Types and their config (validated on create and update; bad input is a 422 naming
`config.<key>`):

- `mysql`, `postgresql`: host, port (default 3306 / 5432), database, username, password,
  ssl (false | true | "require" | "verify-full"; true = "require": encrypted, certificate
  not verified; "verify-full": certificate and host name verified with the system CAs).
- `api`: base_url (http/https), headers, api_key (sent in `api_key_header`, default
  `X-API-Key`), token (sent as `Authorization: Bearer …`), timeout (seconds), rows_path
  (a dotted path to the rows inside the response).
- `json`: path (a file relative to the server's `data_source_json_dir`) or inline `data`.

Secret keys (password, api_key, token, headers) are encrypted with Fernet under a key
derived from the installation's secret and never returned: answers show `<key>_set: true`.

Queries are read-only, enforced twice: the SQL must be one statement starting with
SELECT, WITH, SHOW, EXPLAIN, DESCRIBE/DESC or VALUES, without locking clauses, MySQL
SELECT … INTO / `:=` / executable comments, or calls of functions that change the
session or the server, write, read server files or run SQL text (`sql_check`), AND it
runs inside a read-only transaction that is always rolled back (so `WITH x AS (DELETE …)`
or a writing function fails, and what READ ONLY does not stop — large objects, settings
— is undone). Rows are capped (`limit`, at most `data_source_max_rows`; `truncated` says
more existed) and counted in bytes while read (`data_source_max_bytes`); the statement
has a time limit set inside its own transaction (PostgreSQL `SET LOCAL`) or session
(`max_statement_time` / `max_execution_time`) and the whole query (connecting included)
an asyncio timeout. Database hosts pass the same target checks as outbound HTTP
(private addresses only when `outbound_allowed_networks` / `outbound_allowed_hosts`
allow them).

A connection that ended its query cleanly is kept for the next query on the same data
source (`idle_connections`) and reset before it serves it (`DISCARD ALL`,
`COM_RESET_CONNECTION`); one with unread rows or a lost connection is closed. A
connection lost during a query is DATA_SOURCE_UNAVAILABLE (503), not run again.

Modules: `base` (errors, limits), `configs` (config models, secret sealing), `targets`,
`sql_check`, `values` (JSON values, the byte budget), `connections` (what the drivers
share), `postgres`, `mysql`, `documents` (json/api rows), `use_cases`.
"""

from flowgate.app.data_sources.base import (
    DataSourceLimits,
    DataSourceUnavailable,
    QueryRefused,
    QueryTimeout,
)
from flowgate.app.data_sources.configs import SECRET_KEYS, SecretBox, public_config, validate_config
from flowgate.app.data_sources.sql_check import check_read_only
from flowgate.app.data_sources.targets import TargetCheck
from flowgate.app.data_sources.use_cases import STATUSES, TYPES, DataSourceUseCases, EngineDataSources
from flowgate.app.data_sources.values import json_safe

__all__ = [
    "SECRET_KEYS",
    "STATUSES",
    "TYPES",
    "DataSourceLimits",
    "DataSourceUnavailable",
    "DataSourceUseCases",
    "EngineDataSources",
    "QueryRefused",
    "QueryTimeout",
    "SecretBox",
    "TargetCheck",
    "check_read_only",
    "json_safe",
    "public_config",
    "validate_config",
]
