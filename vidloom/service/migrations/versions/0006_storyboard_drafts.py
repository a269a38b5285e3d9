"""storyboard drafts: a user's boards in progress, kept on the server; videos.started_at (measured run times)

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('videos', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started_at', sa.Float(), nullable=True))
    op.create_table('storyboard_drafts',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('board', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_storyboard_drafts_user_updated', 'storyboard_drafts', ['user_id', 'updated_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_storyboard_drafts_user_updated', table_name='storyboard_drafts')
    op.drop_table('storyboard_drafts')
    with op.batch_alter_table('videos', schema=None) as batch_op:
        batch_op.drop_column('started_at')
