"""Lighthouse (mobile profile) on the customer pages, beside a blank Reflex app built the same way.

Builds and starts the production app with its demo data and, in the same run, a blank Reflex app
(`reflex init --template blank`, production build, one port); signs in; then runs Lighthouse
(bench/package.json pins it; Debian's Chromium) on each page, alternating with the blank app, and
prints per page the medians of the performance score, FCP, LCP, TBT, CLS and KiB transferred, with
the ratio to the blank app's medians. The machines are shared and noisy: read medians, not runs.

Usage: .venv/bin/python bench/lighthouse.py [--runs 5] [--pages login,dashboard,...] [--keep DIR]
       (make bench runs it; `make bench-lighthouse` runs only this one)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
from common import ROOT, running_app

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
BLANK_DIR = ROOT / "var" / "bench-blank"
APP_PORT, BLANK_PORT = 3510, 3520
TARGETS = {"score": 95, "lcp": 2000, "tbt": 100, "cls": 0.02, "kib": 250}

# name -> (path, signed in)
PAGES = {
    "login": ("/login", False),
    "dashboard": ("/", True),
    "invoices": ("/invoices", True),
    "invoice": ("/invoices/1523", True),
    "payment-result": ("/payment/result?error=later", True),
    "service": ("/services/1", True),
}


def node_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(REFLEX_USE_NPM="1", REFLEX_TELEMETRY_ENABLED="false", REFLEX_CHECK_LATEST_VERSION="0",
               CHROME_PATH="/usr/bin/chromium")
    return env


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, env=node_env(),
                       check=True)


def start_blank_app(log: Path) -> subprocess.Popen:
    """`reflex init --template blank` once (kept under var/), then its production build on one port."""
    env = node_env()
    if not (BLANK_DIR / "rxconfig.py").exists():
        BLANK_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "reflex", "init", "--template", "blank", "--loglevel", "warning"],
                       cwd=BLANK_DIR, env=env, check=True, capture_output=True)
    cmd = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port", "--frontend-port",
           str(BLANK_PORT), "--backend-port", str(BLANK_PORT), "--loglevel", "warning"]
    return subprocess.Popen(cmd, cwd=BLANK_DIR, env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def sign_in(url: str) -> str:
    from dorna_app.settings import get_settings

    settings = get_settings()
    answer = httpx.post(f"{url}/auth/login", data={"email": settings.demo_email, "password": settings.demo_password},
                        headers={"Origin": url}, follow_redirects=False)
    token = answer.cookies.get("dorna_session")
    if not token:
        raise SystemExit(f"sign-in failed: {answer.status_code}")
    return token


def lighthouse(url: str, cookie: str | None, out: Path) -> dict[str, float]:
    cmd = [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", f"--output-path={out}",
           "--quiet", "--chrome-flags=--headless=new --no-sandbox"]
    if cookie:
        cmd.append("--extra-headers=" + json.dumps({"Cookie": f"dorna_session={cookie}"}))
    subprocess.run(cmd, env=node_env(), check=True, timeout=300)
    report = json.loads(out.read_text())
    audits = report["audits"]
    return {
        "score": report["categories"]["performance"]["score"] * 100,
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
    }


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def verdict(m: dict[str, float]) -> str:
    misses = [k for k, limit in TARGETS.items() if (m[k] < limit if k == "score" else m[k] > limit)]
    return "meets targets" if not misses else "misses " + ", ".join(misses)


def row(name: str, m: dict[str, float], blank: dict[str, float] | None) -> str:
    ratio = ""
    if blank:
        ratio = (f"  | x blank: LCP {m['lcp'] / blank['lcp']:.2f} FCP {m['fcp'] / blank['fcp']:.2f} "
                 f"KiB {m['kib'] / blank['kib']:.2f}")
    return (f"{name:<16} {m['score']:>5.0f} {m['fcp'] / 1000:>6.2f}s {m['lcp'] / 1000:>6.2f}s {m['tbt']:>6.0f}ms "
            f"{m['cls']:>6.3f} {m['kib']:>7.0f}{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--keep", help="directory for the Lighthouse JSON reports")
    args = parser.parse_args()
    names = [n for n in args.pages.split(",") if n in PAGES]
    ensure_lighthouse()
    from dorna_app import launcher

    out_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lighthouse-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    log = ROOT / "test-artifacts" / "bench-blank-app.log"
    log.parent.mkdir(exist_ok=True)
    database = f"sqlite:///{out_dir / 'bench.db'}"
    blank = start_blank_app(log)
    try:
        with running_app(database, APP_PORT, seed_demo=True) as app_url:
            blank_url = f"http://localhost:{BLANK_PORT}"
            if not launcher._poll([blank_url + "/"], blank, timeout=900):
                raise SystemExit(f"the blank app did not start, see {log}")
            cookie = sign_in(app_url)
            blank_runs: list[dict[str, float]] = []
            ours: dict[str, list[dict[str, float]]] = {n: [] for n in names}
            for i in range(args.runs):
                for name in names:
                    path, signed_in = PAGES[name]
                    blank_runs.append(lighthouse(blank_url + "/", None, out_dir / f"blank-{name}-{i}.json"))
                    ours[name].append(lighthouse(app_url + path, cookie if signed_in else None,
                                                 out_dir / f"{name}-{i}.json"))
                print(f"round {i + 1}/{args.runs} done", flush=True)
    finally:
        launcher.stop(blank)
    blank_m = medians(blank_runs)
    print(f"\nLighthouse 12.8.2, mobile profile, medians of {args.runs} runs each "
          f"(blank app: {len(blank_runs)} runs, alternating); reports in {out_dir}")
    print(f"{'page':<16} {'score':>5} {'FCP':>7} {'LCP':>7} {'TBT':>8} {'CLS':>6} {'KiB':>7}")
    print(row("blank Reflex app", blank_m, None))
    for name in names:
        m = medians(ours[name])
        print(row(name, m, blank_m) + f"  [{verdict(m)}]")
    print("targets: score >= 95, LCP <= 2.0 s, TBT <= 100 ms, CLS <= 0.02, <= 250 KiB")
    if not args.keep:
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
