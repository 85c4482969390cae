# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Every model class generated from model.yaml."""

from app.generated.models.article import Article, ArticleTranslation
from app.generated.models.contact import Contact
from app.generated.models.customer import Customer
from app.generated.models.customer_group import CustomerGroup
from app.generated.models.family import Family, FamilyTranslation

__all__ = [
    "Article",
    "ArticleTranslation",
    "Contact",
    "Customer",
    "CustomerGroup",
    "Family",
    "FamilyTranslation",
]
