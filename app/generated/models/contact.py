# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Contact: A person at a customer company who may use the portal."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship

from app.generated.models._associations import customer_contacts


class Contact(Model):
    """A person at a customer company who may use the portal."""

    __tablename__ = "contact"
    __table_args__ = (
        sa.UniqueConstraint(
            "first_name", "last_name", "email", name="uq_contact_first_name_last_name_email"
        ),
        sa.CheckConstraint("order_limit >= 0", name="ck_contact_order_limit_min"),
    )

    COMPANY_ROLE_CHOICES = (
        ("administrator", _l("Administrator")),
        ("buyer", _l("Buyer")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    first_name = sa.Column(sa.String(80), nullable=False)
    last_name = sa.Column(sa.String(80), nullable=False)
    email = sa.Column(sa.String(254), nullable=False, index=True)
    phone = sa.Column(sa.String(32), nullable=True)
    department = sa.Column(sa.String(100), nullable=True)
    company_role = sa.Column(
        sa.Enum(
            "administrator",
            "buyer",
            name="contact_company_role",
            native_enum=False,
            create_constraint=True,
            length=13,
        ),
        nullable=False,
        default="buyer",
        server_default=sa.text("'buyer'"),
    )
    language = sa.Column(sa.String(8), nullable=True)
    order_limit = sa.Column(sa.Numeric(14, 4), nullable=True)
    customers = relationship("Customer", secondary=customer_contacts, back_populates="contacts")

    def __str__(self) -> str:
        return " ".join(str(part) for part in (self.first_name, self.last_name) if part)

    def __repr__(self) -> str:
        return f"<Contact {self.id}>"
