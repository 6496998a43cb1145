"""invoice vat and parties: subtotal, VAT rate and amount per invoice, VAT per line, and the snapshot of
seller and buyer; outbox attachments. Invoices issued before carry no VAT: their subtotal is their total.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 03:30:49.654602
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subtotal_rial', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vat_rate_bp', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('vat_rial', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('seller', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('buyer', sa.JSON(), nullable=True))
    op.execute("UPDATE invoice SET subtotal_rial = total_rial")
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.create_check_constraint('ck_invoice_vat_sum',
                                         'vat_rial >= 0 AND total_rial = subtotal_rial + vat_rial')

    with op.batch_alter_table('invoice_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vat_rial', sa.Integer(), nullable=False, server_default='0'))

    # The payment confirmation carries the official PDFs, made when it is sent.
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attachments', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_column('attachments')

    with op.batch_alter_table('invoice_item', schema=None) as batch_op:
        batch_op.drop_column('vat_rial')

    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.drop_constraint('ck_invoice_vat_sum', type_='check')
        batch_op.drop_column('buyer')
        batch_op.drop_column('seller')
        batch_op.drop_column('vat_rial')
        batch_op.drop_column('vat_rate_bp')
        batch_op.drop_column('subtotal_rial')
