"""The statement check: one read-only statement, without what could write, lock or change
the session."""

from __future__ import annotations

import re
from typing import Literal

from flowgate.app.data_sources.base import QueryRefused

READ_VERBS = frozenset({"SELECT", "WITH", "SHOW", "EXPLAIN", "DESCRIBE", "DESC", "VALUES"})
MAX_QUERY_CHARS = 100_000
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_LOCKING = re.compile(
    r"\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bFOR\s+(?:KEY\s+)?SHARE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b", re.IGNORECASE
)
_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")
_NEXT_VALUE = re.compile(r"\b(?:NEXT|PREVIOUS)\s+VALUE\s+FOR\b", re.IGNORECASE)

# Functions a query may not call (allowed by default, refused by name): they change the
# session or the server, write (large objects are catalog rows a READ ONLY transaction does
# not stop), read server files, or run SQL given as text (which this check cannot see).
# pg_sleep and SLEEP are allowed: the statement time limit stops them.
_REFUSED_FUNCTIONS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "postgresql": (
        frozenset(
            {
                "set_config",
                "pg_terminate_backend",
                "pg_cancel_backend",
                "pg_reload_conf",
                "pg_rotate_logfile",
                "pg_read_file",
                "pg_read_binary_file",
                "pg_stat_file",
                "pg_notify",
                "nextval",
                "setval",
                "txid_current",
                "txid_current_if_assigned",
                "pg_current_xact_id",
                "pg_current_xact_id_if_assigned",
                "pg_export_snapshot",
                "pg_switch_wal",
                "pg_promote",
                "pg_backup_start",
                "pg_backup_stop",
                "pg_start_backup",
                "pg_stop_backup",
                "pg_wal_replay_pause",
                "pg_wal_replay_resume",
                "pg_log_backend_memory_contexts",
                "pg_import_system_collations",
                "pg_logical_emit_message",
                "pg_drop_replication_slot",
                "pg_file_write",
                "pg_file_rename",
                "pg_file_unlink",
                "pg_file_sync",
                "pg_prewarm",
                "brin_summarize_new_values",
                "brin_summarize_range",
                "brin_desummarize_range",
                "gin_clean_pending_list",
                "loread",
                "lowrite",
                "query_to_xml",
                "query_to_xmlschema",
                "query_to_xml_and_xmlschema",
                "cursor_to_xml",
                "cursor_to_xmlschema",
                "ts_stat",
                "ts_rewrite",
            }
        ),
        (
            "lo_",
            "pg_advisory_",
            "pg_try_advisory_",
            "dblink",
            "pg_ls_",
            "pg_stat_reset",
            "pg_create_",
            "pg_copy_",
            "pg_replication_origin_",
            "pg_replication_slot_",
            "pg_logical_slot_",
        ),
    ),
    "mysql": (
        frozenset(
            {
                "get_lock",
                "release_lock",
                "release_all_locks",
                "load_file",
                "benchmark",
                "master_pos_wait",
                "master_gtid_wait",
                "source_pos_wait",
                "wait_for_executed_gtid_set",
                "wait_until_sql_thread_after_gtids",
                "nextval",
                "setval",
                "sys_exec",
                "sys_eval",
            }
        ),
        (),
    ),
}


def _code_view(sql: str, dialect: Literal["postgresql", "mysql"], quoted: list[tuple[int, int]] | None = None) -> str:
    """`sql` with string literals, quoted identifiers and comments blanked out (same length,
    so positions match), so that keywords and `;` can be found; raises QueryRefused for what
    cannot be checked. The spans of quoted identifiers (quotes included) go to `quoted`."""
    out: list[str] = []
    i, n = 0, len(sql)
    mysql = dialect == "mysql"
    while i < n:
        c = sql[i]
        nxt = sql[i + 1] if i + 1 < n else ""
        if c == "-" and nxt == "-" and (not mysql or i + 2 >= n or sql[i + 2] in " \t\r\n\f\v"):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if c == "#" and mysql:
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if c == "/" and nxt == "*":
            if mysql and sql.startswith(("/*!", "/*M!", "/*+"), i):
                raise QueryRefused("executable comments (/*! … */) are not allowed")
            depth, j = 1, i + 2
            while j < n and depth:
                if sql.startswith("*/", j):
                    depth -= 1
                    j += 2
                elif not mysql and sql.startswith("/*", j):
                    depth += 1
                    j += 2
                else:
                    j += 1
            if depth:
                raise QueryRefused("unterminated comment")
            out.append(" " * (j - i))
            i = j
            continue
        if c in "'\"" or (c == "`" and mysql):
            backslash = mysql or (c == "'" and i > 0 and sql[i - 1] in "eE" and not _word_before(sql, i - 1))
            j = i + 1
            while j < n:
                if backslash and sql[j] == "\\":
                    j += 2
                    continue
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:  # doubled quote
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:
                raise QueryRefused("unterminated quoted text")
            out.append((" " if c == "'" else "x") * (j + 1 - i))  # an identifier stays a word
            if c != "'" and quoted is not None:
                quoted.append((i, j + 1))
            i = j + 1
            continue
        if c == "$" and not mysql:
            tag = _DOLLAR_TAG.match(sql, i)
            if tag is not None and not _word_before(sql, i):
                end = sql.find(tag.group(0), tag.end())
                if end < 0:
                    raise QueryRefused("unterminated dollar-quoted text")
                out.append(" " * (end + len(tag.group(0)) - i))
                i = end + len(tag.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def _word_before(sql: str, i: int) -> bool:
    return i > 0 and (sql[i - 1].isalnum() or sql[i - 1] in "_$")


def check_read_only(sql: str, dialect: Literal["postgresql", "mysql"]) -> str:
    """`sql` without a trailing `;` when it is one read-only statement; else QueryRefused (400)."""
    if len(sql) > MAX_QUERY_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_CHARS} characters")
    quoted: list[tuple[int, int]] = []
    code = _code_view(sql, dialect, quoted)
    if len(code) != len(sql):
        raise RuntimeError("the code view must keep every character in place")
    first_semicolon = code.find(";")
    if first_semicolon >= 0:
        if code[first_semicolon + 1 :].strip():
            raise QueryRefused("only one statement is allowed")
        sql = sql[:first_semicolon]
        code = code[:first_semicolon]
    words = _WORD.findall(code.lstrip().lstrip("("))
    if not words:
        raise QueryRefused("the query is empty")
    verb = words[0].upper()
    if verb not in READ_VERBS or not code.lstrip().lstrip("(").upper().startswith(verb):
        raise QueryRefused(
            f"only read-only queries are allowed (SELECT, WITH, SHOW, EXPLAIN, DESCRIBE, VALUES), not {verb[:32]}"
        )
    if _LOCKING.search(code):
        raise QueryRefused("locking clauses (FOR UPDATE, FOR SHARE, LOCK IN SHARE MODE) are not allowed")
    if dialect == "mysql":
        if "INTO" in {w.upper() for w in words}:
            raise QueryRefused("SELECT … INTO (OUTFILE, DUMPFILE or @variables) is not allowed")
        if ":=" in code:
            raise QueryRefused("assignments to user variables (:=) are not allowed")
        if _NEXT_VALUE.search(code):
            raise QueryRefused("NEXT VALUE FOR / PREVIOUS VALUE FOR (sequences) is not allowed")
    _check_functions(sql, code, quoted, dialect)
    return sql.strip()


def _check_functions(
    sql: str, code: str, quoted: list[tuple[int, int]], dialect: Literal["postgresql", "mysql"]
) -> None:
    """QueryRefused when the statement calls a refused function: a name (bare, quoted or
    schema-qualified) followed by `(`, outside strings and comments."""
    names, prefixes = _REFUSED_FUNCTIONS[dialect]
    starts = {end: start for start, end in quoted}
    for paren in re.finditer(r"\(", code):
        end = paren.start()
        while end > 0 and code[end - 1].isspace():
            end -= 1
        if end in starts:  # a quoted identifier: its name as written
            start = starts[end]
            if start > 0 and sql[start - 1] == "&":
                raise QueryRefused('Unicode-escaped identifiers (U&"…") are not allowed')
            name = sql[start + 1 : end - 1].replace(sql[start] * 2, sql[start])
        else:
            start = end
            while start > 0 and (code[start - 1].isalnum() or code[start - 1] in "_$"):
                start -= 1
            name = code[start:end]
        name = name.lower()
        if name in names or name.startswith(prefixes):
            raise QueryRefused(
                f"the function {name[:64]}() is not allowed in a data-source query "
                "(it changes the session or the server, writes, reads server files or runs SQL text)"
            )
