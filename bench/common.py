"""Helpers shared by the benchmarks: percentiles and a throw-away app on a free port."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return (f"n={len(ordered)} p50={pick(0.5):.1f}ms p95={pick(0.95):.1f}ms "
            f"max={ordered[-1]:.1f}ms mean={statistics.fmean(ordered):.1f}ms")


@contextmanager
def running_app(database_url: str, port: int, *, seed_demo: bool = False) -> Iterator[str]:
    """Start the production app (as `make run` does) against `database_url`, with the demo customer
    when `seed_demo`; yields its URL."""
    from dorna_app import launcher

    extra = {"DORNA_DATABASE_URL": database_url, "DORNA_PORT": str(port),
             "DORNA_PUBLIC_URL": f"http://localhost:{port}"}
    env = {**os.environ, **extra}
    subprocess.run([sys.executable, "-m", "dorna_app", "migrate"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    if seed_demo:
        subprocess.run([sys.executable, "-m", "dorna_app", "seed-demo"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
    log = ROOT / "test-artifacts" / f"bench-app-{port}.log"
    log.parent.mkdir(exist_ok=True)
    proc = launcher.start_reflex(port, env_extra=extra, log_path=log)
    url = f"http://localhost:{port}"
    try:
        if not launcher.wait_until_up(url, proc):
            raise SystemExit(f"app did not start, see {log}")
        yield url
    finally:
        launcher.stop(proc)
