# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Import: One file imported (or being imported) from the back office or the flask command, with what it changed or why it was refused."""

import datetime

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.security.sqla.models import User  # noqa: F401
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship


class ImportRun(Model):
    """One file imported (or being imported) from the back office or the flask command, with what it changed or why it was refused."""

    __tablename__ = "import_run"
    __table_args__ = (
        sa.CheckConstraint("length(failure) <= 4000", name="ck_import_run_failure_max_length"),
    )

    FORMAT_CHOICES = (
        ("xlsx", _l("Excel workbook")),
        ("csv", _l("CSV text")),
    )
    STATUS_CHOICES = (
        ("draft", _l("Not confirmed")),
        ("waiting", _l("Waiting")),
        ("validating", _l("Checking")),
        ("invalid", _l("Refused")),
        ("applying", _l("Applying")),
        ("done", _l("Done")),
        ("failed", _l("Failed")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    kind = sa.Column(sa.String(40), nullable=False, index=True)
    file_name = sa.Column(sa.String(255), nullable=False)
    stored_name = sa.Column(
        sa.String(255),
        nullable=True,
        comment="The uploaded file under the upload folder, kept to run the import and to look into it later.",
    )
    format = sa.Column(
        sa.Enum(
            "xlsx",
            "csv",
            name="import_run_format",
            native_enum=False,
            create_constraint=True,
            length=4,
        ),
        nullable=False,
        default="xlsx",
        server_default=sa.text("'xlsx'"),
    )
    language = sa.Column(
        sa.String(8), nullable=True, comment="The language errors are reported in."
    )
    status = sa.Column(
        sa.Enum(
            "draft",
            "waiting",
            "validating",
            "invalid",
            "applying",
            "done",
            "failed",
            name="import_run_status",
            native_enum=False,
            create_constraint=True,
            length=10,
        ),
        nullable=False,
        index=True,
        default="draft",
        server_default=sa.text("'draft'"),
    )
    dry_run = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    created_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=True,
        default=lambda: datetime.datetime.now(datetime.UTC),
        server_default=sa.func.now(),
    )
    started_at = sa.Column(sa.DateTime(timezone=True), nullable=True)
    finished_at = sa.Column(sa.DateTime(timezone=True), nullable=True)
    rows_total = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    rows_done = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    created_count = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    updated_count = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    unchanged_count = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    error_count = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    errors = sa.Column(
        sa.JSON(none_as_null=True),
        nullable=True,
        comment="The first errors as [row, column, reason]; the error file holds them all.",
    )
    ignored_columns = sa.Column(sa.Text(), nullable=True)
    failure = sa.Column(sa.Text(), nullable=True)
    user_id = sa.Column(
        sa.Integer, sa.ForeignKey("ab_user.id", ondelete="SET NULL"), nullable=True, index=True
    )
    user = relationship("User", foreign_keys=[user_id], lazy="joined")

    def __str__(self) -> str:
        return " ".join(str(part) for part in (self.kind, self.file_name) if part)

    def __repr__(self) -> str:
        return f"<ImportRun {self.id}>"
