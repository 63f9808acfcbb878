"""Generated code is committed; it must be exactly what `make generate` makes from proto/
(and envoy/, for envoy.yaml)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.harness import ROOT

GENERATED = ROOT / "server" / "flowgate" / "v1"


def _buf() -> str:
    found = shutil.which("buf", path=str(ROOT / ".venv" / "bin"))
    assert found is not None, "buf is not installed in .venv (make install)"
    return found


def test_committed_stubs_match_the_protos(tmp_path: Path) -> None:
    env_path = f"{ROOT / '.venv' / 'bin'}:{ROOT / 'tools'}:/usr/bin:/bin"
    subprocess.run(
        [_buf(), "generate", "--output", str(tmp_path)],
        cwd=ROOT,
        check=True,
        env={"PATH": env_path},
        timeout=120,
    )
    subprocess.run(
        [_buf(), "build", "--exclude-source-info", "-o", str(tmp_path / "server/flowgate/v1/flowgate.binpb")],
        cwd=ROOT,
        check=True,
        env={"PATH": env_path},
        timeout=120,
    )
    fresh = tmp_path / "server" / "flowgate" / "v1"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            str(ROOT / "tools" / "gen_openapi.py"),
            str(fresh / "flowgate.binpb"),
            str(fresh / "openapi.json"),
        ],
        check=True,
        timeout=120,
    )
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            str(ROOT / "tools" / "gen_envoy.py"),
            str(fresh / "flowgate.binpb"),
            str(fresh / "envoy.yaml"),
            str(tmp_path / "envoy.yaml"),
        ],
        check=True,
        timeout=120,
    )
    made = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(GENERATED)
        for p in GENERATED.rglob("*")
        if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts
    )
    assert made == committed, "generated file set differs: run `make generate` and commit"
    drifted = [str(p) for p in made if (fresh / p).read_bytes() != (GENERATED / p).read_bytes()]
    assert not drifted, f"generated code drifted from proto/: {drifted}; run `make generate` and commit"
    # The repository's envoy.yaml (`envoy -c envoy.yaml`) is the packaged one, generated too.
    assert (ROOT / "envoy.yaml").read_bytes() == (tmp_path / "envoy.yaml").read_bytes(), (
        "envoy.yaml drifted from envoy/ and proto/: run `make generate` and commit"
    )


def test_envoy_takes_the_committed_config() -> None:
    envoy = shutil.which("envoy", path=str(ROOT / ".venv" / "bin"))
    assert envoy is not None, "envoy is not installed in .venv (make install)"
    out = subprocess.run(
        [envoy, "--mode", "validate", "-c", "envoy.yaml", "--log-level", "warn"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_buf_lint_is_clean() -> None:
    out = subprocess.run([_buf(), "lint"], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
