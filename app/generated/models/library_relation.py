# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Library relation code: The codes a library system uses for a customer's branches."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class LibraryRelation(Model):
    """The codes a library system uses for a customer's branches."""

    __tablename__ = "library_relation"
    __table_args__ = (
        sa.UniqueConstraint("customer_id", "code", name="uq_library_relation_customer_code"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False)
    name = sa.Column(sa.String(150), nullable=False)
    is_main_library = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    customer = relationship(
        "Customer", foreign_keys=[customer_id], back_populates="library_relations", lazy="joined"
    )

    def __str__(self) -> str:
        return " ".join(str(part) for part in (self.code, self.name) if part)

    def __repr__(self) -> str:
        return f"<LibraryRelation {self.id}>"
