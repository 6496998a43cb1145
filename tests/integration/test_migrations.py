"""The committed migrations create exactly the tables the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import dorna_app.tables  # noqa: F401  (every package's tables)
from dorna_app.db import get_engine


def test_migrations_match_the_models(database):
    with get_engine().connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_a_database_with_customers_and_servers_upgrades_to_the_newest_schema(tmp_path, monkeypatch):
    """SQLite copies a table to change it; rows of other tables pointing at it must not stop that."""
    from sqlalchemy import text

    from alembic import command
    from dorna_app import db
    from dorna_app.migrations import alembic_config, migrate
    from dorna_app.settings import reload_settings

    monkeypatch.setenv("DORNA_DATABASE_URL", f"sqlite:///{tmp_path / 'old.db'}")
    reload_settings()
    db.dispose_engines()
    try:
        command.upgrade(alembic_config(), "0009")
        with db.get_write_engine().begin() as conn:
            conn.execute(text("INSERT INTO client (id, email, password_hash, first_name, last_name, credit_rial, "
                              "created_at) VALUES (1, 'old@example.com', 'x', 'a', 'b', 0, CURRENT_TIMESTAMP)"))
            conn.execute(text("INSERT INTO service (id, client_id, name, hostname, ip_address, plan, price_rial, "
                              "billing_cycle_months, next_due_date, status, created_at) VALUES (1, 1, 's', '', '', "
                              "'', 10, 1, '2026-12-01', 'active', CURRENT_TIMESTAMP)"))
            conn.execute(text("INSERT INTO ticket (id, client_id, subject, status, created_at) VALUES "
                              "(1, 1, 'old', 'answered', CURRENT_TIMESTAMP)"))
            conn.execute(text("INSERT INTO invoice (id, number, client_id, issued_on, due_on, total_rial, status, "
                              "created_at) VALUES (1, 1001, 1, '2026-11-24', '2026-12-01', 10, 'unpaid', "
                              "CURRENT_TIMESTAMP)"))
            conn.execute(text("INSERT INTO invoice_item (id, invoice_id, service_id, description, amount_rial) "
                              "VALUES (1, 1, 1, 'renewal', 10)"))
        migrate()
        with db.get_engine().connect() as conn:
            assert conn.execute(text("SELECT panel_id, vpsid, name FROM service")).all() == [(None, None, "s")]
            assert conn.execute(text("SELECT service_id, vat_rial FROM invoice_item")).all() == [(1, 0)]
            # Issued before VAT: its subtotal is its total, no VAT, no parties (today's are printed).
            assert conn.execute(text("SELECT subtotal_rial, vat_rate_bp, vat_rial, total_rial, seller FROM invoice")
                                ).all() == [(10, 0, 0, 10, None)]
            assert conn.execute(text("SELECT department_id, priority FROM ticket")).all() == [(1, "normal")]
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.dispose_engines()
        monkeypatch.undo()
        reload_settings()
