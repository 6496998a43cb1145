"""Command line: `python -m dorna_app run | serve | migrate | seed-demo | jobs`.

Every command that reads the database brings it to the current schema first, and a bad setting or an
unreachable database is one clear line, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from sqlalchemy.exc import OperationalError

from dorna_app.settings import VAR_DIR, SettingsError, get_settings, reload_settings


def cmd_migrate(_args: argparse.Namespace) -> int:
    from dorna_app.migrations import migrate

    migrate()
    print("پایگاه داده به‌روز است.")
    return 0


def cmd_seed_demo(_args: argparse.Namespace) -> int:
    from dorna_app.billing.demo import seed_demo
    from dorna_app.migrations import migrate
    from dorna_app.provisioning.demo import link_demo_servers
    from dorna_app.support.demo import seed_demo_ticket

    migrate()
    created = seed_demo()
    seed_demo_ticket()
    link_demo_servers()
    print("داده‌های نمونه ساخته شد." if created else "داده‌های نمونه از قبل وجود دارد.")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from dorna_app import launcher
    from dorna_app.billing.demo import seed_demo
    from dorna_app.migrations import migrate

    if args.port:  # everything derived from the port (sandbox, URLs) follows it
        os.environ["DORNA_PORT"] = str(args.port)
        reload_settings()
    settings = get_settings()
    port = settings.port
    wanted = [port] + ([settings.sandbox_port, settings.smtp_port] if settings.run_sandbox else [])
    busy = [p for p in wanted if not launcher.port_is_free(p)]
    if busy:
        print(f"Port {', '.join(map(str, busy))} is already in use (is the app running in another terminal?).\n"
              f"Stop that, or start on other ports: DORNA_PORT={port + 100} make run", file=sys.stderr)
        return 1
    migrate()
    seed_demo()
    from dorna_app.backoffice.auth import ensure_demo_admin
    from dorna_app.provisioning.demo import link_demo_servers
    from dorna_app.support.demo import seed_demo_ticket

    seed_demo_ticket(ensure_demo_admin().id)
    link_demo_servers()
    url = settings.public_url
    print(f"Building and starting the client area on {url} (the first build takes a minute or two)...",
          flush=True)
    sandbox = None
    if settings.run_sandbox:
        sandbox = launcher.start_sandbox(settings.sandbox_port, smtp_port=settings.smtp_port,
                                         panel_state=VAR_DIR / "sandbox-panel.json")
        if not launcher.wait_for_sandbox(settings.sandbox_port, sandbox):
            print(f"The local sandbox could not start on port {settings.sandbox_port}; "
                  "is that port taken? Set DORNA_SANDBOX_PORT to another.", file=sys.stderr)
            launcher.stop(sandbox)
            return 1
    proc = launcher.start_reflex(port, env_extra={"DORNA_SANDBOX_PORT": str(settings.sandbox_port)})
    # Stopping us (Ctrl+C or a plain kill) stops the app too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if not launcher.wait_until_up(url, proc):
            print("The app did not start; see the messages above.", file=sys.stderr)
            launcher.stop(proc)
            return 1
        print(
            "\n"
            f"  Dorna client area is running: {url}\n"
            f"  Demo login: {settings.demo_email}  /  {settings.demo_password}\n"
            f"  Staff area: {url}/staff  as  {settings.demo_staff_email}  /  {settings.demo_staff_password}\n"
            f"    Its second factor (TOTP): add the key {settings.demo_staff_totp_secret} to an authenticator app,\n"
            f"    or print the current code with: .venv/bin/python -m dorna_app staff code\n"
            + (f"  Local stand-ins (gateway, SMS, e-mail inbox, Virtualizor panel): http://localhost:{settings.sandbox_port}\n"
               if sandbox else "")
            + "  Press Ctrl+C to stop.\n",
            flush=True,
        )
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        launcher.stop(proc)
        if sandbox is not None:
            launcher.stop(sandbox)


def cmd_staff_create(args: argparse.Namespace) -> int:
    """Add a staff member and print the one-time password to hand over."""
    from dorna_app.backoffice.auth import StaffError, create_staff
    from dorna_app.migrations import migrate

    migrate()
    try:
        staff, password = create_staff(args.email, args.role, name=args.name or "")
    except StaffError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Staff member {staff.email} ({staff.role}) created.\n"
          f"  One-time password: {password}\n"
          f"  At the first sign-in ({get_settings().public_url}/staff/login) they scan a QR code with an\n"
          f"  authenticator app and receive ten recovery codes.")
    return 0


def cmd_staff_code(_args: argparse.Namespace) -> int:
    """The demo admin's current TOTP code (only the demo key, which the terminal shows anyway)."""
    from dorna_app.backoffice.auth import current_code

    print(current_code(get_settings().demo_staff_totp_secret))
    return 0


def cmd_jobs(args: argparse.Namespace) -> int:
    from dorna_app import effects, fa, jobs, live
    from dorna_app.migrations import migrate

    migrate()  # a fresh checkout's first `jobs status` finds the tables instead of a traceback
    # Settlements made here reach the running app's open pages through its internal route.
    effects.install(push=live.push_over_http, push_staff=live.push_staff_over_http)

    if args.action == "status":
        for name, run in jobs.status():
            if run is None:
                print(f"{name:24s} never run")
                continue
            state = "ok" if run.ok else f"FAILED: {run.error}"
            print(f"{name:24s} {fa.jalali_datetime(run.started_at)}  {run.duration_ms or 0:>6} ms  "
                  f"{run.rows:>7} rows  {state}")
        return 0
    runs = jobs.run_due(force=args.force)
    for run in runs:
        print(f"{run.name:24s} {run.duration_ms:>6} ms {run.rows:>7} rows {'ok' if run.ok else run.error}")
    if not runs:
        print("nothing due (or another runner holds the leases)")
    return 0 if all(run.ok for run in runs) else 1


def cmd_serve(args: argparse.Namespace) -> int:
    """Production: migrate, build, and serve on several workers (PostgreSQL and Redis from the environment)."""
    from dorna_app import launcher
    from dorna_app.migrations import migrate

    settings = get_settings()
    workers = args.workers or settings.workers
    redis_url = settings.redis_url
    if workers > 1 and not redis_url:
        print("Several workers share their state through Redis: set REFLEX_REDIS_URL "
              "(for example redis://127.0.0.1:6379), or use --workers 1.", file=sys.stderr)
        return 2
    if settings.is_sqlite and workers > 1:
        print("Warning: SQLite serialises writers; production with several workers wants PostgreSQL "
              "(DORNA_DATABASE_URL=postgresql+psycopg://user:password@host/dbname).", file=sys.stderr)
    migrate()
    proc = launcher.start_reflex(settings.port, env_extra={"GRANIAN_WORKERS": str(workers)})
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if not launcher.wait_until_up(f"http://127.0.0.1:{settings.port}", proc):
            print("The app did not start; see the messages above.", file=sys.stderr)
            return 1
        print(f"Serving {settings.public_url} on port {settings.port} with {workers} workers.", flush=True)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        launcher.stop(proc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dorna_app", description="Dorna client area")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("seed-demo", help="create the demo customer (idempotent)").set_defaults(func=cmd_seed_demo)
    staff = sub.add_parser("staff", help="staff accounts").add_subparsers(dest="staff_command", required=True)
    create = staff.add_parser("create", help="add a staff member and print a one-time password")
    create.add_argument("email")
    create.add_argument("--role", required=True, choices=["admin", "billing", "support"])
    create.add_argument("--name", default="")
    create.set_defaults(func=cmd_staff_create)
    staff.add_parser("code", help="the demo admin's current TOTP code").set_defaults(func=cmd_staff_code)
    jobs_parser = sub.add_parser("jobs", help="billing automation, reconciliation and message delivery")
    jobs_parser.add_argument("action", choices=["run", "status"])
    jobs_parser.add_argument("--force", action="store_true", help="run every job now, due or not")
    jobs_parser.set_defaults(func=cmd_jobs)
    serve = sub.add_parser("serve", help="production: migrate and serve on several workers")
    serve.add_argument("--workers", type=int, default=None, help="backend workers (default DORNA_WORKERS or 4)")
    serve.set_defaults(func=cmd_serve)
    run = sub.add_parser("run", help="migrate, load demo data, start the app")
    run.add_argument("--port", type=int, default=None)
    run.set_defaults(func=cmd_run)
    args = parser.parse_args(argv)
    try:
        get_settings()
        return args.func(args)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    except OperationalError as error:
        print(f"The database cannot be used ({get_settings().database_url.split('@')[-1]}): "
              f"{str(error.orig).splitlines()[0] if error.orig else error}", file=sys.stderr)
        return 2
