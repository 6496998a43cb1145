"""The command line on a machine as a newcomer has it: no traceback, one clear line when something is off."""

from __future__ import annotations

import os
import subprocess
import sys

from dorna_app.settings import PROJECT_ROOT


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "DORNA_INTERNAL_URL": "http://127.0.0.1:9", **env}
    return subprocess.run([sys.executable, "-m", "dorna_app", *args], cwd=PROJECT_ROOT, env=full_env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_jobs_status_on_a_database_never_migrated_migrates_and_answers(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = run_cli("jobs", "status", DORNA_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "renewal_invoices" in result.stdout and "never run" in result.stdout


def test_a_bad_setting_is_one_line_naming_the_variable(tmp_path):
    result = run_cli("jobs", "status", DORNA_DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}", DORNA_PORT="abc")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "DORNA_PORT" in result.stderr


def test_an_unreachable_database_is_one_line():
    result = run_cli("jobs", "status", DORNA_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "database" in result.stderr.lower()
