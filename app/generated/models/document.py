# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Document: A file shared with every customer, a customer group or one customer."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import FileColumn
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property


class DocumentTranslation(Model):
    """The document's translatable fields in one other language."""

    __tablename__ = "document_translation"
    __table_args__ = (
        sa.UniqueConstraint("document_id", "language", name="uq_document_translation_language"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    document_id = sa.Column(
        sa.Integer, sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    title = sa.Column(sa.String(200), nullable=True)


class Document(Model):
    """A file shared with every customer, a customer group or one customer."""

    __tablename__ = "document"
    __table_args__ = (
        sa.CheckConstraint(
            "length(description) <= 2000", name="ck_document_description_max_length"
        ),
    )

    AUDIENCE_CHOICES = (
        ("everyone", _l("Every customer")),
        ("group", _l("A customer group")),
        ("customer", _l("One customer")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    title = sa.Column(sa.String(200), nullable=False)
    description = sa.Column(sa.Text(), nullable=True)
    file = sa.Column(FileColumn(), nullable=False)
    audience = sa.Column(
        sa.Enum(
            "everyone",
            "group",
            "customer",
            name="document_audience",
            native_enum=False,
            create_constraint=True,
            length=8,
        ),
        nullable=False,
        default="everyone",
        server_default=sa.text("'everyone'"),
    )
    published_on = sa.Column(sa.Date(), nullable=True)
    group_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer_group.id", ondelete="CASCADE"), nullable=True
    )
    group = relationship("CustomerGroup", foreign_keys=[group_id], lazy="joined")
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=True, index=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")
    translations = relationship(
        "DocumentTranslation",
        collection_class=attribute_keyed_dict("language"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    title_fr = translated_property("title", "fr")
    title_nl = translated_property("title", "nl")
    title_es = translated_property("title", "es")
    title_de = translated_property("title", "de")

    def __str__(self) -> str:
        return str(self.title or "")

    def __repr__(self) -> str:
        return f"<Document {self.id}>"
