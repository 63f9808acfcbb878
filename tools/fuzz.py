"""`make fuzz`: schemathesis over every HTTP family's OpenAPI document, through the real
Envoy, in a long mode that `make test` does not run.

Starts a stack (SQLite, or PostgreSQL with --postgres URL), publishes a public app, and
runs schemathesis once per family with that family's credentials: the released-app family
with a team API key, the management family with a user's sign-in token. Every check is on;
a 5xx or a response that breaks its schema fails the run. The totals (test cases sent, per
family; unique failures) are printed as one JSON line at the end and, with --record FILE, appended
to FILE, so docs/security.md can cite a dated figure.

    python tools/fuzz.py [--examples N] [--seed S] [--record FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "server"))

from tests.harness import GREETER, start_stack, stop_stack  # noqa: E402


@dataclass(frozen=True)
class Family:
    name: str
    path_regex: str
    credential: str  # "key" or "token"


FAMILIES = (
    Family("released-app", r"^/api/released-app/", "key"),
    Family("management", r"^/api/v1/", "token"),
)


def _summary(output: str) -> tuple[int, int]:
    """(test cases generated, unique failures) from schemathesis's closing summary."""
    generated = re.search(r"(\d+) generated", output)
    failures = re.search(r"(\d+) unique failures?", output)
    return int(generated.group(1)) if generated else 0, int(failures.group(1)) if failures else 0


async def _schemathesis(
    binary: str, base: str, family: Family, header: str, examples: int, seed: int, workdir: Path
) -> tuple[int, int, int, str]:
    proc = await asyncio.create_subprocess_exec(
        binary,
        "--config-file",
        str(ROOT / "tests" / "schemathesis.toml"),
        "run",
        f"{base}/openapi.json",
        "--url",
        base,
        "-H",
        header,
        "--include-path-regex",
        family.path_regex,
        "--checks",
        "all",
        "--max-examples",
        str(examples),
        "--seed",
        str(seed),
        cwd=workdir,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": str(ROOT / "tests" / "schemathesis_hooks.py")},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await proc.communicate()
    output = out.decode(errors="replace")
    (workdir / f"{family.name}.txt").write_text(output, encoding="utf-8")
    generated, failures = _summary(output)
    return proc.returncode or 0, generated, failures, output


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=300, help="schemathesis --max-examples per operation")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL instead of a fresh SQLite file")
    parser.add_argument("--record", default="", help="append the totals as a JSON line to this file")
    args = parser.parse_args(argv)

    binary = shutil.which("schemathesis", path=str(ROOT / ".venv" / "bin")) or shutil.which("schemathesis")
    if binary is None:
        print("schemathesis is not installed (make install)", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="flowgate-fuzz-"))
    try:
        db = args.postgres or f"sqlite+aiosqlite:///{workdir / 'fuzz.db'}"
        # Sign-in throttling would answer most generated logins 429: it is not what is fuzzed.
        stack = await start_stack(db, with_envoy=True, login_max_failures=1000)
        try:
            await stack.publish(GREETER, public=True)
            credentials = {
                "key": f"Authorization: Bearer {await stack.key('team-fuzz')}",
                "token": f"Authorization: Bearer {await stack.token('fuzzer')}",
            }
            totals: dict[str, object] = {"date": dt.date.today().isoformat(), "examples": args.examples}
            all_requests = all_failures = 0
            worst = 0
            for family in FAMILIES:
                code, requests, failures, output = await _schemathesis(
                    binary, stack.http_base, family, credentials[family.credential], args.examples, args.seed, workdir
                )
                print(f"--- {family.name}: exit {code}, {requests} test cases, {failures} unique failures")
                if code != 0:
                    print(output[-8000:])
                totals[family.name] = {"test_cases": requests, "unique_failures": failures, "exit": code}
                all_requests += requests
                all_failures += failures
                worst = max(worst, code)
        finally:
            await stop_stack(stack)
    finally:
        if not os.environ.get("FLOWGATE_FUZZ_KEEP"):
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"reports kept in {workdir}")
    totals["test_cases"] = all_requests
    totals["unique_failures"] = all_failures
    line = json.dumps(totals, sort_keys=True)
    print(line)
    if args.record:
        with Path(args.record).open("a", encoding="utf-8") as f:  # noqa: ASYNC230 - once, after the run
            f.write(line + "\n")
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
