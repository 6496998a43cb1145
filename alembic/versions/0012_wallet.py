"""wallet: ledger kinds and balances, held credit, auto-pay, payment credit part

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 01:55:07.003075
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credit_held_rial', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('auto_pay_credit', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.create_check_constraint('ck_client_credit_held',
                                         'credit_held_rial >= 0 AND credit_held_rial <= credit_rial')

    with op.batch_alter_table('credit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default='overpayment'))
        batch_op.add_column(sa.Column('balance_after', sa.Integer(), nullable=True))

    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('credit_rial', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('purpose', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default='invoices'))

    # Entries written before the ledger knew its kinds and balances: refunds by their reason, and each
    # customer's running balance in the order they were booked.
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE credit_entry SET kind = 'refund' WHERE reason LIKE 'refund of invoice%'"))
    rows = bind.execute(sa.text("SELECT id, client_id, amount_rial FROM credit_entry ORDER BY client_id, id")).all()
    balances: dict[int, int] = {}
    for entry_id, client_id, amount in rows:
        balances[client_id] = balances.get(client_id, 0) + amount
        bind.execute(sa.text("UPDATE credit_entry SET balance_after = :b WHERE id = :i"),
                     {"b": balances[client_id], "i": entry_id})


def downgrade() -> None:
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_column('purpose')
        batch_op.drop_column('credit_rial')

    with op.batch_alter_table('credit_entry', schema=None) as batch_op:
        batch_op.drop_column('balance_after')
        batch_op.drop_column('kind')

    with op.batch_alter_table('client', schema=None) as batch_op:
        batch_op.drop_constraint('ck_client_credit_held', type_='check')
        batch_op.drop_column('auto_pay_credit')
        batch_op.drop_column('credit_held_rial')
