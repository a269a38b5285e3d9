"""auth throttling and invites

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('auth_attempts',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_auth_attempts_kind_subject_at', 'auth_attempts', ['kind', 'subject', 'at'], unique=False)
    op.create_table('invites',
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('used_by', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['used_by'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('hash')
    )


def downgrade() -> None:
    op.drop_table('invites')
    op.drop_index('ix_auth_attempts_kind_subject_at', table_name='auth_attempts')
    op.drop_table('auth_attempts')
