"""video_notices: what the engine drew otherwise than asked, kept with the job

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('videos', sa.Column('notices', sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column('videos', 'notices')
