"""characters: a user's reusable looks read from uploaded clips

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('characters',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('name_key', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('colour', sa.String(length=20), nullable=True),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('read', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_characters_user_name', 'characters', ['user_id', 'name_key'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_characters_user_name', table_name='characters')
    op.drop_table('characters')
