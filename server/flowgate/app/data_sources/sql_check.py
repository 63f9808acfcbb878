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


def _code_view(sql: str, dialect: Literal["postgresql", "mysql"]) -> str:
    """`sql` with string literals, quoted identifiers and comments blanked out (same length,
    so positions match), so that keywords and `;` can be found; raises QueryRefused for what
    cannot be checked."""
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
    code = _code_view(sql, dialect)
    assert len(code) == len(sql)
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
    if dialect == "mysql" and {"OUTFILE", "DUMPFILE"} & {w.upper() for w in words}:
        raise QueryRefused("SELECT … INTO OUTFILE / DUMPFILE is not allowed")
    return sql.strip()
