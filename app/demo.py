"""A small demonstration data set: a bookshop's groups, customers, contacts and catalogue."""

from __future__ import annotations

import datetime
from decimal import Decimal

from app.extensions import db
from app.generated.models import Article, Contact, Customer, CustomerGroup, Family

GROUPS = [
    ("Libraries", Decimal("150"), False),
    ("Schools", Decimal("80"), False),
    ("Bookshops", Decimal("0"), True),
]
FAMILIES = [
    # code, parent, English, French, Dutch, Spanish, German
    ("BOOKS", None, "Books", "Livres", "Boeken", "Libros", "Bücher"),
    ("FICTION", "BOOKS", "Fiction", "Romans", "Fictie", "Ficción", "Belletristik"),
    ("YOUTH", "BOOKS", "Youth", "Jeunesse", "Jeugd", "Juvenil", "Jugendbücher"),
    (
        "STATIONERY",
        None,
        "Stationery",
        "Papeterie",
        "Kantoorartikelen",
        "Papelería",
        "Schreibwaren",
    ),
]
CUSTOMERS = [
    ("C0001", "Bibliothèque municipale de Lyon", "FR", "fr", "Libraries", "active"),
    ("C0002", "Openbare Bibliotheek Gent", "BE", "nl", "Libraries", "active"),
    ("C0003", "Colegio San Ignacio", "ES", "es", "Schools", "active"),
    ("C0004", "Buchhandlung am Markt", "DE", "de", "Bookshops", "pending"),
    ("C0005", "Harbour Street Books", "GB", "en", "Bookshops", "suspended"),
]
CONTACTS = [
    ("Camille", "Martin", "camille.martin@example.fr", "fr", "administrator", ["C0001"]),
    ("Lucas", "Bernard", "lucas.bernard@example.fr", "fr", "buyer", ["C0001"]),
    ("Sofie", "Peeters", "sofie.peeters@example.be", "nl", "administrator", ["C0002"]),
    ("Lucía", "García", "lucia.garcia@example.es", "es", "administrator", ["C0003"]),
    ("Jonas", "Weber", "jonas.weber@example.de", "de", "buyer", ["C0004", "C0005"]),
]
ARTICLES = [
    # sku, family, English name, French name, price, status
    ("978-2-07-036024-5", "FICTION", "The Outsider", "L'Étranger", "8.40", "active"),
    ("978-2-07-040850-4", "FICTION", "The Little Prince", "Le Petit Prince", "9.90", "active"),
    (
        "978-2-01-000001-7",
        "YOUTH",
        "Picture book of the seasons",
        "Imagier des saisons",
        "12.50",
        "active",
    ),
    ("978-2-01-000002-4", "YOUTH", "First atlas", "Premier atlas", "15.00", "draft"),
    ("ST-NB-A5", "STATIONERY", "A5 notebook", "Carnet A5", "3.20", "active"),
    (
        "ST-PEN-BL",
        "STATIONERY",
        "Blue pen, box of 50",
        "Stylo bleu, boîte de 50",
        "11.75",
        "discontinued",
    ),
]


def load_demo_data() -> dict[str, int]:
    """Insert the demonstration records unless they are already there; return what was added."""
    session = db.session
    if session.query(Customer).filter_by(code="C0001").first() is not None:
        return {}
    groups = {}
    for name, minimum, hide in GROUPS:
        groups[name] = CustomerGroup(name=name, minimum_order=minimum, hide_prices=hide)
    families = {}
    for code, parent, en, fr, nl, es, de in FAMILIES:
        family = Family(code=code, name=en, parent=families.get(parent))
        family.name_fr, family.name_nl, family.name_es, family.name_de = fr, nl, es, de
        families[code] = family
    customers = {}
    for code, name, country, language, group, status in CUSTOMERS:
        customers[code] = Customer(
            code=code,
            name=name,
            country=country,
            language=language,
            group=groups[group],
            status=status,
            email=f"orders@{code.lower()}.example",
            customer_since=datetime.date(2024, 1, 15),
        )
    contacts = []
    for first, last, email, language, role, codes in CONTACTS:
        contacts.append(
            Contact(
                first_name=first,
                last_name=last,
                email=email,
                language=language,
                company_role=role,
                customers=[customers[c] for c in codes],
            )
        )
    articles = []
    for sku, family, en, fr, price, status in ARTICLES:
        article = Article(
            sku=sku, name=en, family=families[family], base_price=Decimal(price), status=status
        )
        article.name_fr = fr
        if sku.startswith("978"):
            article.ean = sku.replace("-", "")
            article.vat_rate = Decimal("5.5")
        articles.append(article)
    session.add_all(
        [*groups.values(), *families.values(), *customers.values(), *contacts, *articles]
    )
    session.commit()
    return {
        "customer groups": len(groups),
        "families": len(families),
        "customers": len(customers),
        "contacts": len(contacts),
        "articles": len(articles),
    }
