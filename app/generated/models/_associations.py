# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Association tables of the many-to-many relations."""

import sqlalchemy as sa
from flask_appbuilder import Model

customer_contacts = sa.Table(
    "customer_contacts",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contact.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
