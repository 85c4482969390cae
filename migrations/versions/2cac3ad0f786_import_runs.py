"""Import runs: one file imported from the back office or the command, its status, counts and errors

Revision ID: 2cac3ad0f786
Revises: a6c457c4ea14
Create Date: 2026-12-02 02:39:25.574451

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2cac3ad0f786'
down_revision = 'a6c457c4ea14'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=255), nullable=True, comment='The uploaded file under the upload folder, kept to run the import and to look into it later.'),
    sa.Column('format', sa.Enum('xlsx', 'csv', name='import_run_format', native_enum=False, create_constraint=True), server_default=sa.text("'xlsx'"), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True, comment='The language errors are reported in.'),
    sa.Column('status', sa.Enum('draft', 'waiting', 'validating', 'invalid', 'applying', 'done', 'failed', name='import_run_status', native_enum=False, create_constraint=True), server_default=sa.text("'draft'"), nullable=False),
    sa.Column('dry_run', sa.Boolean(), server_default=sa.false(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rows_total', sa.Integer(), server_default=sa.text('0'), nullable=True),
    sa.Column('rows_done', sa.Integer(), server_default=sa.text('0'), nullable=True),
    sa.Column('created_count', sa.Integer(), server_default=sa.text('0'), nullable=True),
    sa.Column('updated_count', sa.Integer(), server_default=sa.text('0'), nullable=True),
    sa.Column('unchanged_count', sa.Integer(), server_default=sa.text('0'), nullable=True),
    sa.Column('error_count', sa.Integer(), server_default=sa.text('0'), nullable=True),
    sa.Column('errors', sa.JSON(none_as_null=True), nullable=True, comment='The first errors as [row, column, reason]; the error file holds them all.'),
    sa.Column('ignored_columns', sa.Text(), nullable=True),
    sa.Column('failure', sa.Text(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(failure) <= 4000', name='ck_import_run_failure_max_length'),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('import_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_run_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_run_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_run_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('import_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_run_user_id'))
        batch_op.drop_index(batch_op.f('ix_import_run_status'))
        batch_op.drop_index(batch_op.f('ix_import_run_kind'))

    op.drop_table('import_run')
