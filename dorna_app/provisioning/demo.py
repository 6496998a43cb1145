"""`make run`'s panel: the sandbox's Virtualizor stand-in, with the demo customer's servers on it (the
suspended one suspended there too), so paying really unsuspends and starts a server."""

from __future__ import annotations

from sqlalchemy import column, table, update
from sqlmodel import select

from dorna_app.db import write_session
from dorna_app.provisioning.models import Panel
from dorna_app.settings import get_settings

DEMO_PANEL_NAME = "پنل آزمایشی (سندباکس)"
# The demo servers' VPS ids on the stand-in: the two running ones, then the suspended one.
RUNNING_IDS, SUSPENDED_ID = (101, 102), 103

_service = table("service", column("id"), column("client_id"), column("status"), column("panel_id"),
                 column("vpsid"))
_client = table("client", column("id"), column("email"))


def link_demo_servers() -> int | None:
    """Point the sandbox panel at this run's sandbox port, and the demo servers at it (once); returns
    the panel's id, or None when the sandbox does not run here."""
    settings = get_settings()
    if not settings.run_sandbox:
        return None
    with write_session() as session:
        panel = session.exec(select(Panel).where(Panel.name == DEMO_PANEL_NAME)).first()
        if panel is None:
            panel = Panel(name=DEMO_PANEL_NAME, url=settings.sandbox_url, api_key=settings.demo_panel_key,
                          api_pass=settings.demo_panel_pass, verify_tls=False)
        panel.url = settings.sandbox_url
        session.add(panel)
        session.flush()
        client_id = session.execute(select(_client.c.id).where(_client.c.email == settings.demo_email)).scalar()
        if client_id is None:
            return panel.id
        rows = session.execute(select(_service.c.id, _service.c.status, _service.c.panel_id)
                               .where(_service.c.client_id == client_id).order_by(_service.c.id)).all()
        if any(r.panel_id for r in rows):
            return panel.id
        running = iter(RUNNING_IDS)
        for r in rows:
            vpsid = SUSPENDED_ID if r.status == "suspended" else next(running, None)
            if vpsid is not None:
                session.execute(update(_service).where(_service.c.id == r.id).values(panel_id=panel.id, vpsid=vpsid))
        return panel.id
