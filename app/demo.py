"""The demonstration data set: a book and stationery wholesaler's portal, every entity filled in.

The seller, Lumière Diffusion, ships books and its own stationery range from Saint-Priest (Lyon)
and a depot at Vilvoorde (Brussels) to bookshops, libraries, schools and stationers in France,
Belgium, the Netherlands, Spain, Mexico and Germany. Everything is fixed: the same records, dates
and amounts on every load, so documentation and tests can point at them. Dates run from 2026 to
2028, so what is "valid until" stays valid for a while.

Every record passes the checks model.yaml names (app/domain/*.py): VAT numbers, EANs and ISBNs
carry real check digits, slugs are lower-case words joined by hyphens, order totals add up to the
cent. Image and file fields stay empty (no files are shipped with the demo), except where
model.yaml requires one: a document's file and an article photo's image hold a plain file name.
"""

from __future__ import annotations

import datetime
import re
import secrets
import unicodedata
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from babel import Locale
from flask import current_app

from app.domain.accounts import login_account_for, set_password
from app.domain.languages import staff_language
from app.domain.translations import translated
from app.extensions import db
from app.generated.models import (
    AccessRequest,
    Address,
    Article,
    ArticlePhoto,
    ArticleTag,
    Brand,
    CartLine,
    Catalogue,
    Contact,
    Customer,
    CustomerEvent,
    CustomerGroup,
    CustomerTag,
    DeliveryRound,
    Document,
    ExcludedDeliveryDay,
    Exclusion,
    Family,
    ImportRun,
    LibraryBudget,
    LibraryRelation,
    MailText,
    OrderDiscount,
    OrderLine,
    OrderTemplate,
    OrderTemplateLine,
    OutboxEntry,
    PortalSettings,
    Price,
    PriceLevel,
    PriceList,
    ProductType,
    Promotion,
    SalesOrder,
    Season,
    Selection,
    ShippingRule,
    StockLevel,
    SupportRequest,
    UserPreference,
    Warehouse,
)
from app.security_sync import sync_roles_and_permissions

# Translatable texts are written (English, French, Dutch, Spanish, German): English goes in the
# record's own column (model.yaml's default language), the others in its translations.
OTHER_LANGUAGES = ("fr", "nl", "es", "de")

# ------------------------------------------------------------------ staff and settings

STAFF = [
    # username, first name, last name, email, role
    (
        "claire.rousseau",
        "Claire",
        "Rousseau",
        "claire.rousseau@lumiere-diffusion.example",
        "sales_rep",
    ),
    (
        "javier.morales",
        "Javier",
        "Morales",
        "javier.morales@lumiere-diffusion.example",
        "sales_rep",
    ),
    (
        "sophie.lambert",
        "Sophie",
        "Lambert",
        "sophie.lambert@lumiere-diffusion.example",
        "catalogue_manager",
    ),
    ("marc.janssens", "Marc", "Janssens", "marc.janssens@lumiere-diffusion.example", "order_desk"),
]
# The back office in their own language: what each chose in its language menu.
STAFF_LANGUAGES = {"javier.morales": "es", "marc.janssens": "nl"}
PORTAL_SETTINGS = {
    "shop_name": "Lumière Diffusion — trade portal",
    "skin": "custom",
    "primary_colour": "#1F4E79",
    "accent_colour": "#E0A526",
    "default_language": "fr",
    "currency": "EUR",
    "show_stock": True,
    "hide_prices": False,
    "public_catalogue": True,
    "self_registration": True,
    "approval_required": True,
    "access_request_button": True,
    "reuse_previous_shipping_fee": False,
    "hold_orders_over_credit_limit": True,
    "staff_email": "orders@lumiere-diffusion.example",
}
# Visitors browsing the public catalogue see retail prices, from the Lyon stock.
SETTINGS_PRICE_LEVEL, SETTINGS_WAREHOUSE = "RETAIL", "LYO"

# ------------------------------------------------------------------ stock and delivery

WAREHOUSES = [
    # code, name, city, country, default shipping fee
    ("LYO", "Saint-Priest distribution centre", "Saint-Priest", "FR", "12.90"),
    ("VIL", "Vilvoorde depot", "Vilvoorde", "BE", "9.50"),
]
DELIVERY_ROUNDS = [
    # name, warehouse, zones (postcodes or their beginnings), weekdays, cut-off time, lead days
    (
        "Lyon metropolitan area",
        "LYO",
        "69, 01700, 38070, 38080",
        ("tuesday", "thursday"),
        "11:30",
        1,
    ),
    (
        "Brussels and Flanders",
        "VIL",
        "1000-1299, 2000-2999, 9000-9999",
        ("monday", "wednesday", "friday"),
        "14:00",
        2,
    ),
]
EXCLUDED_DAYS = [
    # day, reason, delivery round (None: every round)
    ("2026-11-11", "Armistice Day", None),
    ("2026-12-25", "Christmas Day", None),
    ("2027-01-01", "New Year's Day", None),
    ("2027-03-29", "Easter Monday", None),
    ("2027-05-01", "Labour Day", None),
    ("2027-07-14", "Bastille Day", "Lyon metropolitan area"),
    ("2027-07-21", "Belgian National Day", "Brussels and Flanders"),
]
SHIPPING_RULES = [
    # name, customer group, customer, warehouse, fee, franco threshold, show franco alone, minimum
    ("Standard shipping", None, None, None, "12.90", "400.00", False, "50.00"),
    ("Libraries and schools", "Libraries", None, None, "9.90", "300.00", True, None),
    ("From the Vilvoorde depot", None, None, "VIL", "9.50", "250.00", False, None),
    ("Sea freight to Mexico City", None, "C0007", None, "180.00", None, False, "1500.00"),
]

# ------------------------------------------------------------------ prices

PRICE_LEVELS = [
    # code, position, names
    (
        "RETAIL",
        1,
        ("Retail price", "Prix public", "Winkelprijs", "Precio de venta al público", "Ladenpreis"),
    ),
    (
        "TRADE",
        2,
        ("Trade price", "Prix libraire", "Handelsprijs", "Precio profesional", "Händlerpreis"),
    ),
    (
        "INSTITUTIONS",
        3,
        (
            "Libraries and schools",
            "Collectivités",
            "Bibliotheken en scholen",
            "Bibliotecas y centros escolares",
            "Bibliotheken und Schulen",
        ),
    ),
]
PRICE_LISTS = [
    # name, price level, customer group, customer (exactly one of the three), from, until, priority
    ("Trade prices 2026", "TRADE", None, None, "2026-01-01", "2026-12-31", 0),
    ("Trade prices 2027", "TRADE", None, None, "2027-01-01", "2027-12-31", 0),
    ("Libraries 2027", None, "Libraries", None, "2027-01-01", "2027-12-31", 10),
    (
        "Colegio San Ignacio, back to school 2027",
        None,
        None,
        "C0003",
        "2027-05-01",
        "2027-09-30",
        20,
    ),
]
PRICES = [
    # price list, article, from quantity, unit price before VAT
    # Bookshops buy books 35 % below the retail price; stationery gets cheaper by the carton.
    ("Trade prices 2026", "978-2-9581234-0-6", 1, "5.85"),
    ("Trade prices 2026", "978-2-9581234-1-3", 1, "4.62"),
    ("Trade prices 2026", "978-2-9581234-3-7", 1, "4.32"),
    ("Trade prices 2026", "LP-CAH-A5-96", 1, "0.62"),
    ("Trade prices 2026", "LP-CAH-A5-96", 100, "0.55"),
    ("Trade prices 2026", "LP-CAH-A5-96", 500, "0.49"),
    ("Trade prices 2026", "LP-CRAY-24", 1, "3.10"),
    ("Trade prices 2026", "LP-CRAY-24", 48, "2.85"),
    ("Trade prices 2027", "978-2-9581234-1-3", 1, "4.70"),
    ("Trade prices 2027", "978-2-9581234-3-7", 1, "4.40"),
    ("Trade prices 2027", "LP-CAH-A5-96", 1, "0.64"),
    ("Trade prices 2027", "LP-CAH-A5-96", 100, "0.57"),
    ("Trade prices 2027", "LP-CAH-A5-96", 500, "0.51"),
    ("Trade prices 2027", "SC-BIL-BL50-M", 1, "7.90"),
    ("Trade prices 2027", "SC-BIL-BL50-M", 20, "7.40"),
    # French book price law: libraries get at most 9 % off a book's public price.
    ("Libraries 2027", "978-2-9581234-0-6", 1, "8.19"),
    ("Libraries 2027", "978-2-9581234-1-3", 1, "6.47"),
    ("Libraries 2027", "978-2-9581234-4-4", 1, "21.57"),
    ("Libraries 2027", "978-90-76543-21-5", 1, "12.88"),
    ("Colegio San Ignacio, back to school 2027", "LP-CAH-A4-SPI", 1, "1.90"),
    ("Colegio San Ignacio, back to school 2027", "LP-CAH-A4-SPI", 100, "1.70"),
    ("Colegio San Ignacio, back to school 2027", "978-84-123456-7-4", 1, "17.20"),
]
ORDER_DISCOUNTS = [
    # name, customer group, customer (at most one: neither means everyone), from order total,
    # percentage, valid from, valid until (None: open-ended)
    ("Large orders", None, None, "1500.00", "2", "2026-01-01", None),
    ("Bookshops volume discount", "Bookshops", None, "3000.00", "3", "2026-01-01", "2027-12-31"),
    ("De Zeven Provinciën opening offer", None, "C0006", "500.00", "5", "2026-09-01", "2027-03-31"),
]
PROMOTIONS = [
    # names, starts, ends, kind, percentage or fixed price, articles, families, customer groups,
    # customers, active
    (
        (
            "Christmas: youth books",
            "Noël : livres jeunesse",
            "Kerst: jeugdboeken",
            "Navidad: libros infantiles",
            "Weihnachten: Kinderbücher",
        ),
        "2026-11-15",
        "2026-12-24",
        "percentage",
        "5",
        [],
        ["YOUTH"],
        ["Bookshops"],
        [],
        True,
    ),
    (
        (
            "Back to school 2027: exercise books",
            "Rentrée 2027 : cahiers",
            "Terug naar school 2027: schriften",
            "Vuelta al cole 2027: cuadernos",
            "Schulanfang 2027: Hefte",
        ),
        "2027-06-15",
        "2027-09-15",
        "percentage",
        "15",
        ["LP-CAH-A4-SPI"],
        ["NOTEBOOKS"],
        ["Schools", "Stationers"],
        [],
        True,
    ),
    (
        (
            "Le Petit Prince hardcover at 15.90",
            "Le Petit Prince relié à 15,90",
            "Le Petit Prince gebonden voor 15,90",
            "Le Petit Prince en tapa dura a 15,90",
            "Le Petit Prince gebunden für 15,90",
        ),
        "2026-11-01",
        "2027-01-31",
        "fixed_price",
        "15.90",
        ["978-2-9581234-2-0"],
        [],
        [],
        ["C0005", "C0006"],
        True,
    ),
    (
        (
            "Europe puzzle launch offer",
            "Offre de lancement puzzle Europe",
            "Introductieaanbod puzzel Europa",
            "Oferta de lanzamiento puzle Europa",
            "Einführungsangebot Europa-Puzzle",
        ),
        "2026-09-01",
        "2026-10-31",
        "percentage",
        "10",
        ["LS-PUZ-EUROPE"],
        [],
        [],
        [],
        False,
    ),
]

# ------------------------------------------------------------------ catalogue

CATALOGUES = [
    # code, position, public, display, article label, names
    (
        "NEW",
        0,
        True,
        "photo",
        "name",
        ("New releases", "Nouveautés", "Nieuwe titels", "Novedades", "Neuerscheinungen"),
    ),
    (
        "BOOKS",
        1,
        False,
        "photo",
        "name_ean",
        (
            "Book catalogue",
            "Catalogue livres",
            "Boekencatalogus",
            "Catálogo de libros",
            "Buchkatalog",
        ),
    ),
    (
        "STATIONERY",
        2,
        False,
        "text",
        "sku_name",
        (
            "Stationery and school supplies",
            "Papeterie et fournitures scolaires",
            "Kantoor- en schoolbenodigdheden",
            "Papelería y material escolar",
            "Schreibwaren und Schulbedarf",
        ),
    ),
]
FAMILIES = [
    # code, parent, catalogue, names
    ("BOOKS", None, "BOOKS", ("Books", "Livres", "Boeken", "Libros", "Bücher")),
    ("FICTION", "BOOKS", "BOOKS", ("Fiction", "Romans", "Fictie", "Ficción", "Belletristik")),
    (
        "YOUTH",
        "BOOKS",
        "BOOKS",
        ("Youth", "Jeunesse", "Jeugd", "Juvenil", "Kinder- und Jugendbuch"),
    ),
    ("COMICS", "BOOKS", "BOOKS", ("Comics", "Bandes dessinées", "Strips", "Cómics", "Comics")),
    (
        "NONFICTION",
        "BOOKS",
        "BOOKS",
        ("Non-fiction", "Documentaires", "Non-fictie", "No ficción", "Sachbuch"),
    ),
    (
        "STATIONERY",
        None,
        "STATIONERY",
        ("Stationery", "Papeterie", "Kantoorartikelen", "Papelería", "Schreibwaren"),
    ),
    (
        "NOTEBOOKS",
        "STATIONERY",
        "STATIONERY",
        ("Notebooks", "Cahiers", "Schriften", "Cuadernos", "Hefte"),
    ),
    (
        "WRITING",
        "STATIONERY",
        "STATIONERY",
        ("Writing", "Écriture", "Schrijfwaren", "Escritura", "Schreibgeräte"),
    ),
    (
        "ART",
        "STATIONERY",
        "STATIONERY",
        (
            "Drawing and painting",
            "Dessin et peinture",
            "Tekenen en schilderen",
            "Dibujo y pintura",
            "Malen und Zeichnen",
        ),
    ),
    (
        "GAMES",
        None,
        "STATIONERY",
        (
            "Educational games",
            "Jeux éducatifs",
            "Educatieve spellen",
            "Juegos educativos",
            "Lernspiele",
        ),
    ),
]
BRANDS = [
    "Éditions du Confluent",
    "Uitgeverij Scheldeland",
    "Ediciones Alameda",
    "Lindenhof Verlag",
    "Lumière Papeterie",
    "Scriptor",
    "Ludo Savant",
]
PRODUCT_TYPES = [
    ("BOOK", ("Book", "Livre", "Boek", "Libro", "Buch")),
    ("STATIONERY", ("Stationery", "Papeterie", "Kantoorartikel", "Papelería", "Schreibware")),
    (
        "GAME",
        ("Educational game", "Jeu éducatif", "Educatief spel", "Juego educativo", "Lernspiel"),
    ),
]
ARTICLES = [
    # sku, family, brand, product type, price before VAT, status, weight (kg), name
    # A book's SKU is its ISBN; its name is its title, the same in every language.
    (
        "978-2-9581234-0-6",
        "FICTION",
        "Éditions du Confluent",
        "BOOK",
        "9.00",
        "active",
        "0.420",
        "Les Misérables, tome 1",
    ),
    (
        "978-2-9581234-1-3",
        "YOUTH",
        "Éditions du Confluent",
        "BOOK",
        "7.11",
        "active",
        "0.110",
        "Le Petit Prince",
    ),
    (
        "978-2-9581234-2-0",
        "YOUTH",
        "Éditions du Confluent",
        "BOOK",
        "18.96",
        "active",
        "0.480",
        "Le Petit Prince (édition reliée)",
    ),
    (
        "978-2-9581234-3-7",
        "YOUTH",
        "Éditions du Confluent",
        "BOOK",
        "6.64",
        "active",
        "0.230",
        "Le Tour du monde en quatre-vingts jours",
    ),
    (
        "978-2-9581234-4-4",
        "NONFICTION",
        "Éditions du Confluent",
        "BOOK",
        "23.70",
        "active",
        "1.150",
        "Atlas des océans",
    ),
    (
        "978-2-9581234-5-1",
        "COMICS",
        "Éditions du Confluent",
        "BOOK",
        "11.37",
        "active",
        "0.390",
        "Lila et le dragon de papier, tome 3",
    ),
    (
        "978-2-9581234-6-8",
        "NONFICTION",
        "Éditions du Confluent",
        "BOOK",
        "12.32",
        "hidden",
        "0.310",
        "Petit guide des oiseaux d'Europe",
    ),
    (
        "978-90-76543-21-5",
        "FICTION",
        "Uitgeverij Scheldeland",
        "BOOK",
        "14.15",
        "active",
        "0.450",
        "Max Havelaar",
    ),
    (
        "978-84-123456-7-4",
        "FICTION",
        "Ediciones Alameda",
        "BOOK",
        "18.90",
        "active",
        "0.890",
        "Don Quijote de la Mancha",
    ),
    (
        "978-84-123456-8-1",
        "YOUTH",
        "Ediciones Alameda",
        "BOOK",
        "9.45",
        "active",
        "0.210",
        "Platero y yo",
    ),
    (
        "978-3-9812345-0-3",
        "FICTION",
        "Lindenhof Verlag",
        "BOOK",
        "6.16",
        "active",
        "0.120",
        "Die Verwandlung",
    ),
    (
        "978-3-9812345-1-0",
        "YOUTH",
        "Lindenhof Verlag",
        "BOOK",
        "8.41",
        "active",
        "0.180",
        "Max und Moritz",
    ),
    (
        "LP-CAH-A5-96",
        "NOTEBOOKS",
        "Lumière Papeterie",
        "STATIONERY",
        "0.95",
        "active",
        "0.160",
        "Seyès A5 exercise book, 96 pages",
    ),
    (
        "LP-CAH-A5-96-BL",
        "NOTEBOOKS",
        "Lumière Papeterie",
        "STATIONERY",
        "0.95",
        "active",
        "0.160",
        "Seyès A5 exercise book, 96 pages, blue cover",
    ),
    (
        "LP-CAH-A5-96-RG",
        "NOTEBOOKS",
        "Lumière Papeterie",
        "STATIONERY",
        "0.95",
        "active",
        "0.160",
        "Seyès A5 exercise book, 96 pages, red cover",
    ),
    (
        "LP-CAH-A4-SPI",
        "NOTEBOOKS",
        "Lumière Papeterie",
        "STATIONERY",
        "2.40",
        "active",
        "0.380",
        "A4 spiral notebook, 5 mm squares, 180 pages",
    ),
    (
        "SC-BIL-BL50",
        "WRITING",
        "Scriptor",
        "STATIONERY",
        "11.75",
        "discontinued",
        "0.350",
        "Blue ballpoint pens, box of 50",
    ),
    (
        "SC-BIL-BL50-M",
        "WRITING",
        "Scriptor",
        "STATIONERY",
        "12.20",
        "active",
        "0.350",
        "Blue ballpoint pens, medium tip, box of 50",
    ),
    (
        "SC-PLUME-GRV",
        "WRITING",
        "Scriptor",
        "STATIONERY",
        "14.90",
        "active",
        "0.060",
        "Engraved fountain pen",
    ),
    (
        "LP-CRAY-24",
        "ART",
        "Lumière Papeterie",
        "STATIONERY",
        "4.80",
        "active",
        "0.240",
        "Coloured pencils, set of 24",
    ),
    (
        "LP-AQUA-12",
        "ART",
        "Lumière Papeterie",
        "STATIONERY",
        "6.90",
        "draft",
        "0.150",
        "Watercolour box, 12 colours",
    ),
    (
        "LS-MEM-FLAGS",
        "GAMES",
        "Ludo Savant",
        "GAME",
        "16.50",
        "active",
        "0.520",
        "Memory game: flags of the world",
    ),
    (
        "LS-PUZ-EUROPE",
        "GAMES",
        "Ludo Savant",
        "GAME",
        "13.90",
        "active",
        "0.610",
        "Map of Europe puzzle, 200 pieces",
    ),
]
# French VAT: 5.5 % on books, the standard 20 % on everything else.
BOOK_VAT_RATE, STANDARD_VAT_RATE = Decimal("5.5"), Decimal("20")
BOOKS = {
    # sku: author, pages, binding, publication date
    "978-2-9581234-0-6": ("Victor Hugo", 992, "paperback", "2025-02-12"),
    "978-2-9581234-1-3": ("Antoine de Saint-Exupéry", 104, "paperback", "2024-05-15"),
    "978-2-9581234-2-0": ("Antoine de Saint-Exupéry", 104, "hardcover", "2025-10-01"),
    "978-2-9581234-3-7": ("Jules Verne", 320, "paperback", "2023-06-07"),
    "978-2-9581234-4-4": ("Collectif", 192, "hardcover", "2026-10-08"),
    "978-2-9581234-5-1": ("Inès Marchal", 56, "hardcover", "2027-03-04"),
    "978-2-9581234-6-8": ("Paul Giraud", 224, "paperback", "2022-04-20"),
    "978-90-76543-21-5": ("Multatuli", 368, "paperback", "2024-09-12"),
    "978-84-123456-7-4": ("Miguel de Cervantes", 1376, "paperback", "2025-04-23"),
    "978-84-123456-8-1": ("Juan Ramón Jiménez", 176, "paperback", "2024-03-15"),
    "978-3-9812345-0-3": ("Franz Kafka", 96, "paperback", "2023-08-01"),
    "978-3-9812345-1-0": ("Wilhelm Busch", 64, "hardcover", "2024-11-05"),
}
# Articles that can be ordered before they are in stock.
AVAILABLE_FROM = {"978-2-9581234-5-1": "2027-03-04", "LP-AQUA-12": "2027-01-15"}
ARTICLE_NAMES = {
    # sku: French, Dutch, Spanish, German name (a book keeps its title in every language)
    "LP-CAH-A5-96": (
        "Cahier A5 Seyès, 96 pages",
        "Schrift A5 Seyès-lijn, 96 bladzijden",
        "Cuaderno A5 pauta Seyès, 96 páginas",
        "Heft A5 Seyès-Lineatur, 96 Seiten",
    ),
    "LP-CAH-A5-96-BL": (
        "Cahier A5 Seyès, 96 pages, couverture bleue",
        "Schrift A5 Seyès-lijn, 96 bladzijden, blauwe kaft",
        "Cuaderno A5 pauta Seyès, 96 páginas, tapa azul",
        "Heft A5 Seyès-Lineatur, 96 Seiten, blauer Umschlag",
    ),
    "LP-CAH-A5-96-RG": (
        "Cahier A5 Seyès, 96 pages, couverture rouge",
        "Schrift A5 Seyès-lijn, 96 bladzijden, rode kaft",
        "Cuaderno A5 pauta Seyès, 96 páginas, tapa roja",
        "Heft A5 Seyès-Lineatur, 96 Seiten, roter Umschlag",
    ),
    "LP-CAH-A4-SPI": (
        "Cahier à spirale A4, petits carreaux 5 mm, 180 pages",
        "Spiraalschrift A4, ruitjes 5 mm, 180 bladzijden",
        "Cuaderno de espiral A4, cuadrícula 5 mm, 180 páginas",
        "Spiralblock A4, kariert 5 mm, 180 Seiten",
    ),
    "SC-BIL-BL50": (
        "Stylos bille bleus, boîte de 50",
        "Blauwe balpennen, doos van 50",
        "Bolígrafos azules, caja de 50",
        "Blaue Kugelschreiber, Schachtel mit 50",
    ),
    "SC-BIL-BL50-M": (
        "Stylos bille bleus pointe moyenne, boîte de 50",
        "Blauwe balpennen met medium punt, doos van 50",
        "Bolígrafos azules punta media, caja de 50",
        "Blaue Kugelschreiber, mittlere Spitze, Schachtel mit 50",
    ),
    "SC-PLUME-GRV": (
        "Stylo plume gravé",
        "Gegraveerde vulpen",
        "Pluma estilográfica grabada",
        "Gravierter Füllfederhalter",
    ),
    "LP-CRAY-24": (
        "Crayons de couleur, boîte de 24",
        "Kleurpotloden, set van 24",
        "Lápices de colores, estuche de 24",
        "Buntstifte, 24er-Set",
    ),
    "LP-AQUA-12": (
        "Boîte d'aquarelle, 12 couleurs",
        "Aquareldoos, 12 kleuren",
        "Caja de acuarelas, 12 colores",
        "Aquarellkasten, 12 Farben",
    ),
    "LS-MEM-FLAGS": (
        "Jeu de mémoire : drapeaux du monde",
        "Memoryspel: vlaggen van de wereld",
        "Juego de memoria: banderas del mundo",
        "Memo-Spiel: Flaggen der Welt",
    ),
    "LS-PUZ-EUROPE": (
        "Puzzle carte d'Europe, 200 pièces",
        "Puzzel kaart van Europa, 200 stukjes",
        "Puzle mapa de Europa, 200 piezas",
        "Puzzle Europakarte, 200 Teile",
    ),
}
ARTICLE_DESCRIPTIONS = {
    # sku: description in English, French, Dutch, Spanish, German
    "LP-CAH-A5-96": (
        "90 g/m² FSC paper, Seyès ruling used in French and Belgian schools. Sold in packs of 10.",
        "Papier FSC 90 g/m², réglure Seyès. Vendu par paquets de 10.",
        "FSC-papier 90 g/m², Seyès-lijn zoals op Franse en Belgische scholen. Per 10 verkocht.",
        "Papel FSC de 90 g/m², pauta Seyès de los colegios franceses. Se vende en paquetes de 10.",
        "FSC-Papier 90 g/m², französische Seyès-Lineatur. Im 10er-Pack.",
    ),
    "SC-PLUME-GRV": (
        "Steel nib, blue cartridge included. Give the text to engrave (up to 30 characters).",
        "Plume acier, cartouche bleue fournie. Indiquez le texte à graver (30 caractères au plus).",
        "Stalen pen, blauwe patroon inbegrepen. Geef de tekst op om te graveren (max. 30 tekens).",
        "Plumín de acero, cartucho azul incluido. Indique el texto a grabar (hasta 30 caracteres).",
        "Stahlfeder, blaue Patrone inklusive. Geben Sie den Gravurtext an (bis zu 30 Zeichen).",
    ),
}
EANS = {
    # sku: EAN-13 of the articles that are not books (a book's is its ISBN)
    "LP-CAH-A5-96": "3760123450010",
    "LP-CAH-A5-96-BL": "3760123450027",
    "LP-CAH-A5-96-RG": "3760123450034",
    "LP-CAH-A4-SPI": "3760123450041",
    "LP-CRAY-24": "3760123450058",
    "LP-AQUA-12": "3760123450065",
    "SC-BIL-BL50": "3760987650014",
    "SC-BIL-BL50-M": "3760987650021",
    "SC-PLUME-GRV": "3760987650038",
    "LS-MEM-FLAGS": "3770012345013",
    "LS-PUZ-EUROPE": "3770012345020",
}
ATTRIBUTES = {
    # sku: free properties of the articles that are not books (a book's come from BOOKS)
    "LP-CAH-A5-96": {"format": "A5", "ruling": "Seyès", "pages": 96, "paper": "90 g/m²"},
    "LP-CAH-A5-96-BL": {"format": "A5", "ruling": "Seyès", "pages": 96, "cover": "blue"},
    "LP-CAH-A5-96-RG": {"format": "A5", "ruling": "Seyès", "pages": 96, "cover": "red"},
    "LP-CAH-A4-SPI": {"format": "A4", "ruling": "5 mm squares", "pages": 180},
    "SC-BIL-BL50-M": {"ink": "blue", "tip": "1.0 mm"},
    "LS-PUZ-EUROPE": {"pieces": 200, "age": "7+"},
}
PACKING = {
    # sku: unit, pack size, order multiple, minimum quantity (else by the piece, 1, 1, 1)
    "LP-CAH-A5-96": ("piece", 10, 10, 10),
    "LP-CAH-A5-96-BL": ("piece", 10, 10, 10),
    "LP-CAH-A5-96-RG": ("piece", 10, 10, 10),
    "LP-CAH-A4-SPI": ("piece", 5, 5, 5),
    "SC-BIL-BL50": ("box", 10, 1, 1),
    "SC-BIL-BL50-M": ("box", 10, 1, 1),
    "LP-CRAY-24": ("set", 12, 1, 1),
    "LP-AQUA-12": ("set", 6, 1, 1),
    "LS-MEM-FLAGS": ("piece", 4, 1, 1),
    "LS-PUZ-EUROPE": ("piece", 4, 1, 1),
}
VARIANTS = {
    # variant sku: main article, what sets the variant apart
    "978-2-9581234-2-0": ("978-2-9581234-1-3", "Hardcover"),
    "LP-CAH-A5-96-BL": ("LP-CAH-A5-96", "Blue cover"),
    "LP-CAH-A5-96-RG": ("LP-CAH-A5-96", "Red cover"),
}
RELATED_ARTICLES = {
    "978-2-9581234-1-3": ["978-2-9581234-3-7", "978-3-9812345-1-0"],
    "SC-BIL-BL50": ["SC-BIL-BL50-M"],  # the discontinued box points to its successor
    "LP-CAH-A5-96": ["LP-CRAY-24", "SC-BIL-BL50-M"],
}
# The buyer types the text to engrave on each line.
PERSONALISED = {"SC-PLUME-GRV"}
ARTICLE_TAGS = [
    # code, names, articles
    (
        "NEW",
        ("New", "Nouveauté", "Nieuw", "Novedad", "Neuheit"),
        ["978-2-9581234-4-4", "978-2-9581234-5-1", "LS-PUZ-EUROPE"],
    ),
    (
        "BESTSELLER",
        ("Bestseller", "Meilleure vente", "Bestseller", "Más vendido", "Bestseller"),
        ["978-2-9581234-1-3", "978-2-9581234-3-7", "LP-CAH-A5-96"],
    ),
    (
        "FSC",
        ("FSC paper", "Papier FSC", "FSC-papier", "Papel FSC", "FSC-Papier"),
        ["LP-CAH-A5-96", "LP-CAH-A5-96-BL", "LP-CAH-A5-96-RG", "LP-CAH-A4-SPI"],
    ),
    (
        "AWARD",
        ("Award winner", "Livre primé", "Bekroond", "Premiado", "Preisgekrönt"),
        ["978-90-76543-21-5", "978-84-123456-8-1"],
    ),
    (
        "EASY-READ",
        ("Easy to read", "Facile à lire", "Makkelijk lezen", "Lectura fácil", "Leicht lesen"),
        ["978-3-9812345-1-0", "978-2-9581234-5-1"],
    ),
]
SEASONS = [
    # code, names, starts, ends, articles
    (
        "BTS-2026",
        (
            "Back to school 2026",
            "Rentrée scolaire 2026",
            "Terug naar school 2026",
            "Vuelta al cole 2026",
            "Schulanfang 2026",
        ),
        "2026-06-15",
        "2026-09-30",
        ["LP-CAH-A4-SPI", "LP-CRAY-24"],
    ),
    (
        "XMAS-2026",
        ("Christmas 2026", "Noël 2026", "Kerst 2026", "Navidad 2026", "Weihnachten 2026"),
        "2026-10-15",
        "2026-12-31",
        ["978-2-9581234-4-4", "978-2-9581234-2-0", "LS-MEM-FLAGS"],
    ),
    (
        "SPRING-2027",
        ("Spring 2027", "Printemps 2027", "Lente 2027", "Primavera 2027", "Frühjahr 2027"),
        "2027-02-01",
        "2027-05-31",
        ["978-2-9581234-5-1", "LP-AQUA-12"],
    ),
]
ARTICLE_PHOTOS = [
    # article, image file name, caption, position
    ("978-2-9581234-1-3", "petit-prince-poche-dos.jpg", "Back cover", 1),
    ("978-2-9581234-4-4", "atlas-des-oceans-pacifique.jpg", "Inside spread: the Pacific", 1),
    ("LS-PUZ-EUROPE", "puzzle-europe-assemble.jpg", "The puzzle assembled", 1),
]
SELECTIONS = [
    # names, descriptions, library category, from, until, active, customer groups, articles
    (
        (
            "New fiction, December 2026",
            "Nouveautés romans, décembre 2026",
            "Nieuwe fictie, december 2026",
            "Novedades de ficción, diciembre de 2026",
            "Neue Belletristik, Dezember 2026",
        ),
        (
            "Our pick of the month's fiction for adult readers.",
            "Notre sélection de romans du mois pour les lecteurs adultes.",
            "Onze keuze uit de fictie van de maand voor volwassen lezers.",
            "Nuestra selección de ficción del mes para lectores adultos.",
            "Unsere Auswahl an Belletristik des Monats für erwachsene Leser.",
        ),
        "adult_fiction",
        "2026-12-01",
        "2026-12-31",
        True,
        ["Libraries"],
        ["978-2-9581234-0-6", "978-90-76543-21-5", "978-84-123456-7-4", "978-3-9812345-0-3"],
    ),
    (
        (
            "Youth picks, winter 2027",
            "Coups de cœur jeunesse, hiver 2027",
            "Jeugdtips, winter 2027",
            "Favoritos juveniles, invierno de 2027",
            "Kinderbuchtipps, Winter 2027",
        ),
        (
            "Classics and new titles for young readers, for libraries and school libraries.",
            "Classiques et nouveautés pour jeunes lecteurs, bibliothèques et CDI.",
            "Klassiekers en nieuwe titels voor jonge lezers, voor bibliotheken en scholen.",
            "Clásicos y novedades para jóvenes lectores, para bibliotecas y colegios.",
            "Klassiker und Neuheiten für junge Leser, für Bibliotheken und Schulen.",
        ),
        "youth_fiction",
        "2027-01-01",
        "2027-03-31",
        True,
        ["Libraries", "Schools"],
        [
            "978-2-9581234-1-3",
            "978-2-9581234-3-7",
            "978-84-123456-8-1",
            "978-3-9812345-1-0",
            "978-2-9581234-5-1",
        ],
    ),
    (
        (
            "Non-fiction for school libraries",
            "Documentaires pour les CDI",
            "Non-fictie voor schoolbibliotheken",
            "No ficción para bibliotecas escolares",
            "Sachbücher für Schulbibliotheken",
        ),
        (
            "Atlases and guides that hold up to many readers.",
            "Atlas et guides qui résistent à de nombreux lecteurs.",
            "Atlassen en gidsen die tegen veel lezers kunnen.",
            "Atlas y guías que resisten a muchos lectores.",
            "Atlanten und Führer, die viele Leser aushalten.",
        ),
        "youth_non_fiction",
        "2027-01-01",
        "2028-06-30",
        True,
        [],  # no group: every customer sees it
        ["978-2-9581234-4-4", "LS-PUZ-EUROPE"],
    ),
]

# ------------------------------------------------------------------ customers

GROUPS = [
    # Field names as in model.yaml; the price level and catalogues by code.
    {
        "name": "Libraries",
        "price_level": "INSTITUTIONS",
        "minimum_order": "150.00",
        "franco_threshold": "300.00",
        "shipping_fee": "9.90",
        "payment_days": 60,
        "pay_after_delivery": True,
        "order_unit": "unit",
        "hide_prices": False,
        "catalogues": ["NEW", "BOOKS"],
        "description": "Public libraries: invoiced after delivery, administrative payment terms.",
    },
    {
        "name": "Schools",
        "price_level": "INSTITUTIONS",
        "minimum_order": "80.00",
        "franco_threshold": "300.00",
        "shipping_fee": "9.90",
        "payment_days": 45,
        "pay_after_delivery": True,
        "order_unit": "unit",
        # The teachers who fill the basket do not see prices; the bursar validates the order.
        "hide_prices": True,
        "catalogues": ["BOOKS", "STATIONERY"],
        "description": "Primary and secondary schools, private and public.",
    },
    {
        "name": "Bookshops",
        "price_level": "TRADE",
        "minimum_order": "0.00",
        "franco_threshold": "400.00",
        "shipping_fee": "12.90",
        "payment_days": 30,
        "pay_after_delivery": False,
        "order_unit": "unit",
        "hide_prices": False,
        "catalogues": ["NEW", "BOOKS", "STATIONERY"],
        "description": "Independent bookshops: trade prices, monthly invoicing.",
    },
    {
        "name": "Stationers",
        "price_level": "TRADE",
        "minimum_order": "200.00",
        "franco_threshold": "500.00",
        "shipping_fee": "14.90",
        "payment_days": 30,
        "pay_after_delivery": False,
        "order_unit": "pack",
        "hide_prices": False,
        "catalogues": ["STATIONERY"],
        "description": "Stationery shops: the stationery range only, ordered by the pack.",
    },
]
CUSTOMER_TAGS = [
    # name, colour, customers
    ("Key account", "#B45309", ["C0001", "C0005", "C0008"]),
    ("Public library", "#1D4ED8", ["C0001", "C0002", "C0008"]),
    ("School", "#047857", ["C0003", "C0009"]),
    ("Export", "#7C3AED", ["C0007"]),
    ("Payment watch", "#DC2626", ["C0010"]),
]
CUSTOMERS = [
    # code, name, country, language, group, status, sales representative, VAT number
    (
        "C0001",
        "Bibliothèque municipale de Lyon",
        "FR",
        "fr",
        "Libraries",
        "active",
        "claire.rousseau",
        "FR21216904128",
    ),
    (
        "C0002",
        "Openbare Bibliotheek Gent",
        "BE",
        "nl",
        "Libraries",
        "active",
        "claire.rousseau",
        "BE0207123407",
    ),
    (
        "C0003",
        "Colegio San Ignacio",
        "ES",
        "es",
        "Schools",
        "active",
        "javier.morales",
        "ESR2800123H",
    ),
    # A new applicant: nobody looks after them until the account is approved.
    ("C0004", "Buchhandlung am Markt", "DE", "de", "Bookshops", "pending", None, "DE298412637"),
    (
        "C0005",
        "Librairie Le Temps de Lire",
        "FR",
        "fr",
        "Bookshops",
        "active",
        "claire.rousseau",
        "FR02435289178",
    ),
    (
        "C0006",
        "Boekhandel De Zeven Provinciën",
        "NL",
        "nl",
        "Bookshops",
        "active",
        "claire.rousseau",
        "NL812345678B01",
    ),
    # In Mexico the VAT number is the RFC.
    (
        "C0007",
        "Librería El Ateneo de Coyoacán",
        "MX",
        "es",
        "Bookshops",
        "active",
        "javier.morales",
        "LAC051110K75",
    ),
    (
        "C0008",
        "Stadtbibliothek Freiburg",
        "DE",
        "de",
        "Libraries",
        "active",
        "javier.morales",
        "DE812739460",
    ),
    # A public primary school has no VAT number.
    (
        "C0009",
        "École élémentaire Jules-Ferry",
        "FR",
        "fr",
        "Schools",
        "active",
        "claire.rousseau",
        None,
    ),
    (
        "C0010",
        "Papelería Escolar Triana",
        "ES",
        "es",
        "Stationers",
        "suspended",
        "javier.morales",
        "ESB46893210",
    ),
    (
        "C0011",
        "Librairie-Papeterie du Lycée",
        "FR",
        "fr",
        "Stationers",
        "inactive",
        "claire.rousseau",
        "FR36512348673",
    ),
]
CUSTOMER_DETAILS = {
    # code: company details and the conditions that differ from the group's
    "C0001": {
        "email": "acquisitions@bm-lyon.example",
        "phone": "+33 4 78 62 18 00",
        "website": "https://www.bm-lyon.example",
        "department": "Service des acquisitions",
        "fiscal_code": "21690412800016",
        "fiscal_regime": "Collectivité territoriale",
        "credit_limit": "30000.00",
        "not_due_balance": "8420.50",
        "customer_since": "2012-03-01",
        "private_message": "Vos budgets 2027 sont ouverts : indiquez le code budget sur chaque "
        "ligne de commande.",
    },
    "C0002": {
        "email": "collectie@bibliotheek-gent.example",
        "phone": "+32 9 323 68 00",
        "website": "https://www.bibliotheek-gent.example",
        "department": "Collectievorming",
        "pay_after_delivery": "allowed",
        "credit_limit": "20000.00",
        "not_due_balance": "3105.60",
        "customer_since": "2019-09-01",
    },
    "C0003": {
        "email": "administracion@colegiosanignacio.example",
        "phone": "+34 915 63 42 10",
        "department": "Administración",
        "fiscal_regime": "Entidad sin fines lucrativos (Ley 49/2002)",
        "payment_days": 45,
        "credit_limit": "15000.00",
        # The bursar orders herself and needs the prices the group hides from teachers.
        "hide_prices": "shown",
        "purchasable": "articles",
        "customer_since": "2021-06-15",
        "private_message": "Los precios de la vuelta al cole 2027 están disponibles desde mayo.",
    },
    "C0004": {
        "email": "info@buchhandlung-am-markt.example",
        "phone": "+49 251 48 27 19",
        "chamber_of_commerce": "HRA 7031, Amtsgericht Münster",
    },
    "C0005": {
        "email": "commandes@tempsdelire.example",
        "phone": "+33 4 72 41 09 87",
        "website": "https://www.tempsdelire.example",
        "chamber_of_commerce": "RCS Lyon 435 289 178",
        "fiscal_code": "43528917800012",
        "credit_limit": "12000.00",
        "not_due_balance": "2318.40",
        "customer_since": "2016-01-10",
    },
    "C0006": {
        "email": "inkoop@zevenprovincien.example",
        "phone": "+31 30 231 44 58",
        "chamber_of_commerce": "KvK 30123456",
        "price_level": "TRADE",
        "minimum_order": "250.00",
        # Intra-community delivery to a VAT-registered company: the buyer accounts for the VAT.
        "vat_exempt": "exempt",
        "credit_limit": "8000.00",
        "customer_since": "2026-09-02",
    },
    "C0007": {
        "email": "compras@ateneocoyoacan.example",
        "phone": "+52 55 5554 1290",
        "website": "https://www.ateneocoyoacan.example",
        "fiscal_regime": "601 General de Ley Personas Morales",
        # Exports outside the EU carry no French VAT; sea freight is paid before shipping.
        "vat_exempt": "exempt",
        "pay_on_invoice": "refused",
        "minimum_order": "1500.00",
        "shipping_fee": "180.00",
        "franco_threshold": None,
        "customer_since": "2023-02-20",
    },
    "C0008": {
        "email": "erwerbung@stadtbibliothek-freiburg.example",
        "phone": "+49 761 201 22 07",
        "department": "Erwerbung",
        "payment_days": 30,
        "credit_limit": "25000.00",
        "customer_since": "2018-04-03",
    },
    "C0009": {
        "email": "ce.0691234x@ecole-jules-ferry.example",
        "phone": "+33 4 78 85 12 30",
        "department": "Direction",
        "purchasable": "product_types",
        "credit_limit": "3000.00",
        "customer_since": "2020-08-25",
    },
    "C0010": {
        "email": "pedidos@papeleriatriana.example",
        "phone": "+34 954 33 71 08",
        "chamber_of_commerce": "R. M. Sevilla, hoja SE-45871",
        "pay_after_delivery": "refused",
        "order_unit": "pack",
        "credit_limit": "5000.00",
        "overdue_balance": "1864.20",
        "not_due_balance": "420.00",
        "customer_since": "2022-01-12",
        "private_message": "Su cuenta está suspendida hasta el pago de las facturas vencidas. "
        "Contacte con su representante.",
    },
    "C0011": {
        "email": "contact@papeterie-du-lycee.example",
        "chamber_of_commerce": "RCS Grenoble 512 348 673",
        "fiscal_code": "51234867300017",
        "customer_since": "2015-08-20",
    },
}
CUSTOMER_MONEY_FIELDS = {
    "credit_limit",
    "overdue_balance",
    "not_due_balance",
    "minimum_order",
    "franco_threshold",
    "shipping_fee",
}
CUSTOMER_LOGISTICS = {
    # code: default warehouse, delivery round, other warehouses allowed
    "C0001": ("LYO", "Lyon metropolitan area", ["LYO"]),
    "C0002": ("VIL", "Brussels and Flanders", ["VIL", "LYO"]),
    "C0003": ("LYO", None, []),
    "C0005": ("LYO", "Lyon metropolitan area", []),
    "C0006": ("VIL", None, ["VIL"]),
    "C0007": ("LYO", None, []),
    "C0008": ("LYO", None, []),
    "C0009": ("LYO", "Lyon metropolitan area", []),
}
# What some customers may see and buy (empty: everything their catalogues hold).
VISIBLE_TAGS = {"C0007": ["BESTSELLER", "AWARD"]}  # sea freight: only titles that sell in volume
VISIBLE_SEASONS = {"C0011": ["BTS-2026"]}  # a shop that buys for the back-to-school rush only
VISIBLE_BRANDS = {"C0010": ["Lumière Papeterie", "Scriptor", "Ludo Savant"]}
PURCHASABLE_PRODUCT_TYPES = {"C0009": ["STATIONERY", "GAME"]}
PURCHASABLE_ARTICLES = {
    "C0003": [
        "978-84-123456-7-4",
        "978-84-123456-8-1",
        "LP-CAH-A4-SPI",
        "SC-BIL-BL50-M",
        "LP-CRAY-24",
    ]
}
EXCLUSIONS = [
    # customer, customer group, article, family (one of the first two, one of the last two), reason
    (None, "Stationers", None, "BOOKS", "Stationers have no book trade agreement."),
    (
        "C0007",
        None,
        "978-84-123456-7-4",
        None,
        "Spanish-language rights for the Americas belong to another distributor.",
    ),
    (None, "Schools", "SC-BIL-BL50", None, "Discontinued: schools get the medium-tip box."),
]
CART_LINES = [
    # contact, customer, article, quantity, line reference, budget code, library relation code
    (
        "camille.martin@bm-lyon.example",
        "C0001",
        "978-2-9581234-1-3",
        18,
        "Prix des lecteurs",
        "2026-JEU",
        "BML-CR",
    ),
    ("camille.martin@bm-lyon.example", "C0001", "978-2-9581234-0-6", 8, None, "2026-ADU", None),
]
CONTACTS = [
    # first name, last name, email, language, role in the company, status, customers
    (
        "Camille",
        "Martin",
        "camille.martin@bm-lyon.example",
        "fr",
        "administrator",
        "active",
        ["C0001"],
    ),
    ("Lucas", "Bernard", "lucas.bernard@bm-lyon.example", "fr", "buyer", "active", ["C0001"]),
    (
        "Sofie",
        "Peeters",
        "sofie.peeters@bibliotheek-gent.example",
        "nl",
        "administrator",
        "active",
        ["C0002"],
    ),
    (
        "Lucía",
        "García",
        "lucia.garcia@colegiosanignacio.example",
        "es",
        "administrator",
        "active",
        ["C0003"],
    ),
    ("Pablo", "Ruiz", "pablo.ruiz@colegiosanignacio.example", "es", "buyer", "invited", ["C0003"]),
    (
        "Jonas",
        "Weber",
        "jonas.weber@buchhandlung-am-markt.example",
        "de",
        "administrator",
        "invited",
        ["C0004"],
    ),
    # One owner, two shops: she orders for both.
    (
        "Marie",
        "Lefèvre",
        "marie.lefevre@tempsdelire.example",
        "fr",
        "administrator",
        "active",
        ["C0005", "C0011"],
    ),
    (
        "Pieter",
        "de Vries",
        "pieter.devries@zevenprovincien.example",
        "nl",
        "administrator",
        "active",
        ["C0006"],
    ),
    (
        "Mariana",
        "López",
        "mariana.lopez@ateneocoyoacan.example",
        "es",
        "administrator",
        "active",
        ["C0007"],
    ),
    (
        "Andrea",
        "Hoffmann",
        "andrea.hoffmann@stadtbibliothek-freiburg.example",
        "de",
        "administrator",
        "active",
        ["C0008"],
    ),
    (
        "Julien",
        "Moreau",
        "julien.moreau@ecole-jules-ferry.example",
        "fr",
        "administrator",
        "active",
        ["C0009"],
    ),
    (
        "Carmen",
        "Navarro",
        "carmen.navarro@papeleriatriana.example",
        "es",
        "administrator",
        "disabled",
        ["C0010"],
    ),
]
CONTACT_PERMISSIONS = {
    # email: permissions that differ from a buyer's defaults
    "lucas.bernard@bm-lyon.example": {"department": "Jeunesse", "order_limit": "2000.00"},
    "pablo.ruiz@colegiosanignacio.example": {
        "department": "Departamento de Lengua",
        "may_see_prices": False,
        "order_limit": "500.00",
    },
}
ADDRESSES = [
    # customer, use, name, street, line 2, postcode, city, country, default shipping, billing
    (
        "C0001",
        "shipping",
        "Bibliothèque de la Part-Dieu",
        "30 boulevard Vivier-Merle",
        "Quai de livraison, niveau -1",
        "69003",
        "Lyon",
        "FR",
        True,
        False,
    ),
    (
        "C0001",
        "billing",
        "Ville de Lyon, service facturier",
        "1 place de la Comédie",
        None,
        "69001",
        "Lyon",
        "FR",
        False,
        True,
    ),
    (
        "C0001",
        "shipping",
        "Médiathèque de la Croix-Rousse",
        "12 place Joannès-Ambre",
        None,
        "69004",
        "Lyon",
        "FR",
        False,
        False,
    ),
    ("C0002", "both", "De Krook", "Miriam Makebaplein 1", None, "9000", "Gent", "BE", True, True),
    (
        "C0003",
        "both",
        "Colegio San Ignacio",
        "Calle de Serrano 104",
        None,
        "28006",
        "Madrid",
        "ES",
        True,
        True,
    ),
    (
        "C0004",
        "both",
        "Buchhandlung am Markt",
        "Marktplatz 7",
        None,
        "48143",
        "Münster",
        "DE",
        True,
        True,
    ),
    (
        "C0005",
        "shipping",
        "Librairie Le Temps de Lire",
        "12 rue Mercière",
        None,
        "69002",
        "Lyon",
        "FR",
        True,
        False,
    ),
    (
        "C0005",
        "billing",
        "Le Temps de Lire SARL, comptabilité",
        "12 rue Mercière",
        "BP 2104",
        "69002",
        "Lyon",
        "FR",
        False,
        True,
    ),
    (
        "C0006",
        "both",
        "Boekhandel De Zeven Provinciën",
        "Oudegracht 154",
        None,
        "3511 AZ",
        "Utrecht",
        "NL",
        True,
        True,
    ),
    (
        "C0007",
        "both",
        "Librería El Ateneo de Coyoacán",
        "Avenida Francisco Sosa 212",
        "Col. Santa Catarina, Alcaldía Coyoacán",
        "04010",
        "Ciudad de México",
        "MX",
        True,
        True,
    ),
    (
        "C0008",
        "shipping",
        "Stadtbibliothek am Münsterplatz",
        "Münsterplatz 17",
        "Warenannahme",
        "79098",
        "Freiburg im Breisgau",
        "DE",
        True,
        False,
    ),
    (
        "C0008",
        "billing",
        "Stadt Freiburg, Amt für Bibliotheken",
        "Rathausplatz 2",
        None,
        "79098",
        "Freiburg im Breisgau",
        "DE",
        False,
        True,
    ),
    (
        "C0009",
        "both",
        "École élémentaire Jules-Ferry",
        "8 rue des Écoles",
        None,
        "69100",
        "Villeurbanne",
        "FR",
        True,
        True,
    ),
    (
        "C0010",
        "both",
        "Papelería Escolar Triana",
        "Calle San Jacinto 41",
        None,
        "41010",
        "Sevilla",
        "ES",
        True,
        True,
    ),
    (
        "C0011",
        "both",
        "Librairie-Papeterie du Lycée",
        "5 avenue Jean-Jaurès",
        None,
        "38000",
        "Grenoble",
        "FR",
        True,
        True,
    ),
]

# ------------------------------------------------------------------ libraries

LIBRARY_BUDGETS = [
    # customer, code, name, total, remaining, default discount %, fixed-price discount %,
    # fixed-price months, valid from, until
    # France: 9 % at most on a book for 24 months after publication, more afterwards.
    (
        "C0001",
        "2026-ADU",
        "Acquisitions adultes 2026",
        "48000.00",
        "12650.40",
        "15",
        "9",
        24,
        "2026-01-01",
        "2026-12-31",
    ),
    (
        "C0001",
        "2026-JEU",
        "Acquisitions jeunesse 2026",
        "22000.00",
        "3810.75",
        "15",
        "9",
        24,
        "2026-01-01",
        "2026-12-31",
    ),
    (
        "C0001",
        "2027-ADU",
        "Acquisitions adultes 2027",
        "50000.00",
        "50000.00",
        "15",
        "9",
        24,
        "2027-01-01",
        "2027-12-31",
    ),
    # Flanders has no fixed book price.
    (
        "C0002",
        "2026-COLL",
        "Collectievorming 2026",
        "30000.00",
        "9874.10",
        "20",
        "0",
        0,
        "2026-01-01",
        "2026-12-31",
    ),
    # Germany: public libraries get at most 10 % while the price is fixed (18 months at least).
    (
        "C0008",
        "2026-ERW",
        "Medienerwerbung 2026",
        "40000.00",
        "15230.00",
        "15",
        "10",
        18,
        "2026-01-01",
        "2026-12-31",
    ),
]
LIBRARY_RELATIONS = [
    # customer, relation code, branch, main library
    ("C0001", "BML-PD", "Bibliothèque de la Part-Dieu", True),
    ("C0001", "BML-CR", "Médiathèque de la Croix-Rousse", False),
    ("C0001", "BML-GUI", "Bibliothèque de la Guillotière", False),
    ("C0002", "OBG-KROOK", "De Krook", True),
    ("C0002", "OBG-LEDE", "Bibliotheek Ledeberg", False),
    ("C0008", "SBF-HAUPT", "Stadtbibliothek am Münsterplatz", True),
    ("C0008", "SBF-BUS", "Fahrbibliothek", False),
]

# ------------------------------------------------------------------ orders

ORDERS = [
    # Field names as in model.yaml; customer, contact and warehouse by code or email, the order
    # discount in %, times in UTC. The totals are worked out from ORDER_LINES.
    {
        "number": "2026-000101",
        "customer": "C0001",
        "contact": "lucas.bernard@bm-lyon.example",
        "status": "delivered",
        "placed_at": "2026-09-14 09:12",
        "warehouse": "LYO",
        "payment_method": "on_invoice",
        "reference": "BC 2026-0457",
        "cost_centre": "ACQ-JEUNESSE",
        "requested_delivery_date": "2026-09-17",
        "shipping_fee": "9.90",
        "customer_note": "Livraison au quai, niveau -1, avant 11 h.",
    },
    {
        "number": "2026-000102",
        "customer": "C0005",
        "contact": "marie.lefevre@tempsdelire.example",
        "status": "shipped",
        "placed_at": "2026-10-20 15:40",
        "warehouse": "LYO",
        "payment_method": "on_invoice",
        "reference": "LTL-1020",
        "shipping_fee": "0.00",
    },
    {
        "number": "2026-000103",
        "customer": "C0002",
        "contact": "sofie.peeters@bibliotheek-gent.example",
        "status": "in_preparation",
        "placed_at": "2026-11-16 10:05",
        "warehouse": "VIL",
        "payment_method": "after_delivery",
        "reference": "BST-2026-311",
        "cost_centre": "COLL-VOLW",
        "requested_delivery_date": "2026-11-25",
        "shipping_fee": "9.90",
    },
    {
        "number": "2026-000104",
        "customer": "C0003",
        "contact": "lucia.garcia@colegiosanignacio.example",
        "status": "confirmed",
        "placed_at": "2026-11-19 08:30",
        "warehouse": "LYO",
        "payment_method": "on_invoice",
        "reference": "PED-2026-118",
        "cost_centre": "Dpto. Lengua",
        "requested_delivery_date": "2026-12-09",
        "shipping_fee": "0.00",
    },
    {
        "number": "2026-000105",
        "customer": "C0007",
        "contact": "mariana.lopez@ateneocoyoacan.example",
        "status": "placed",
        "placed_at": "2026-11-21 17:55",
        "warehouse": "LYO",
        "payment_method": "prepayment",
        "reference": "OC-4471",
        "requested_delivery_date": "2027-01-15",
        "order_discount": "2",
        "shipping_fee": "180.00",
        "customer_note": "Enviar por vía marítima, consolidado con el pedido de enero.",
        "internal_note": "Prepayment received 2026-11-23; book the container from Le Havre.",
    },
    {
        "number": "2026-000106",
        "customer": "C0005",
        "contact": "marie.lefevre@tempsdelire.example",
        "status": "cancelled",
        "placed_at": "2026-11-02 11:20",
        "warehouse": "LYO",
        "payment_method": "on_invoice",
        "reference": "LTL-1102",
        "shipping_fee": "12.90",
        "internal_note": "Cancelled at the customer's request: the order was placed twice.",
    },
    {
        "number": "2026-000107",
        "customer": "C0008",
        "contact": "andrea.hoffmann@stadtbibliothek-freiburg.example",
        "status": "delivered",
        "placed_at": "2026-10-05 07:45",
        "warehouse": "LYO",
        "payment_method": "on_invoice",
        "reference": "BE-2026-0932",
        "cost_centre": "ERW-KJB",
        "shipping_fee": "9.90",
    },
    {
        "number": "2026-000108",
        "customer": "C0006",
        "contact": "pieter.devries@zevenprovincien.example",
        "status": "shipped",
        "placed_at": "2026-11-10 13:02",
        "warehouse": "VIL",
        "payment_method": "on_invoice",
        "reference": "ZP-2026-77",
        "order_discount": "5",
        "shipping_fee": "0.00",
    },
    {
        "number": "2026-000109",
        "customer": "C0009",
        "contact": "julien.moreau@ecole-jules-ferry.example",
        "status": "placed",
        "placed_at": "2026-11-22 19:10",
        "warehouse": "LYO",
        "payment_method": "on_invoice",
        "reference": "Coopérative scolaire",
        "requested_delivery_date": "2026-12-01",
        "shipping_fee": "9.90",
        "internal_note": "Hidden prices: the head teacher confirmed the amount by phone.",
    },
]
ORDER_LINES = {
    # number: article, quantity, discount %, line reference, budget code, library relation code,
    # personalisation
    "2026-000101": [
        ("978-2-9581234-0-6", 8, "9", None, "2026-ADU", "BML-PD", None),
        ("978-2-9581234-1-3", 12, "9", "Heure du conte", "2026-JEU", "BML-CR", None),
        ("978-2-9581234-3-7", 6, "9", None, "2026-JEU", "BML-GUI", None),
    ],
    "2026-000102": [
        ("978-2-9581234-1-3", 20, "35", None, None, None, None),
        ("978-2-9581234-3-7", 10, "35", None, None, None, None),
        ("978-2-9581234-4-4", 5, "35", "Vitrine Noël", None, None, None),
        ("LP-CAH-A5-96-BL", 50, "0", None, None, None, None),
        (
            "SC-PLUME-GRV",
            10,
            "0",
            "Prix de lecture",
            None,
            None,
            "Prix de lecture 2026 — Le Temps de Lire",
        ),
    ],
    "2026-000103": [
        ("978-90-76543-21-5", 15, "20", None, "2026-COLL", "OBG-KROOK", None),
        ("978-2-9581234-2-0", 4, "20", "Franse collectie", "2026-COLL", "OBG-LEDE", None),
    ],
    "2026-000104": [
        ("978-84-123456-7-4", 30, "9", "1.º Bachillerato A", None, None, None),
        ("978-84-123456-8-1", 25, "9", "1.º ESO B", None, None, None),
        ("LP-CAH-A4-SPI", 120, "0", "Secundaria", None, None, None),
    ],
    "2026-000105": [
        ("978-2-9581234-1-3", 150, "35", None, None, None, None),
        ("978-2-9581234-3-7", 100, "35", None, None, None, None),
        ("978-84-123456-8-1", 120, "35", None, None, None, None),
    ],
    "2026-000106": [
        ("978-2-9581234-0-6", 5, "35", None, None, None, None),
    ],
    "2026-000107": [
        ("978-3-9812345-0-3", 20, "10", None, "2026-ERW", "SBF-HAUPT", None),
        ("978-3-9812345-1-0", 12, "10", "Kinderbibliothek", "2026-ERW", "SBF-BUS", None),
    ],
    "2026-000108": [
        ("978-90-76543-21-5", 200, "35", None, None, None, None),
        ("978-2-9581234-2-0", 80, "35", None, None, None, None),
        ("LS-PUZ-EUROPE", 30, "30", None, None, None, None),
    ],
    "2026-000109": [
        ("LP-CAH-A5-96-RG", 100, "0", "CP et CE1", None, None, None),
        ("LP-CRAY-24", 30, "0", "CP et CE1", None, None, None),
        ("LS-MEM-FLAGS", 2, "0", "Coin jeux", None, None, None),
    ],
}
# Orders not yet shipped hold their quantities in the warehouse's stock.
OPEN_ORDER_STATUSES = ("placed", "confirmed", "in_preparation")
# Shipping is charged VAT at the standard rate, except to a customer exempt from VAT.
SHIPPING_VAT_RATE = Decimal("20")
ORDER_TEMPLATES = [
    # customer, name, lines (article, quantity, line reference)
    (
        "C0005",
        "Réassort mensuel poches",
        [
            ("978-2-9581234-1-3", 10, None),
            ("978-2-9581234-3-7", 5, None),
            ("978-2-9581234-0-6", 3, None),
        ],
    ),
    (
        "C0009",
        "Fournitures de rentrée CP",
        [
            ("LP-CAH-A5-96-BL", 60, "CP A"),
            ("LP-CAH-A5-96-RG", 60, "CP B"),
            ("LP-CRAY-24", 50, None),
        ],
    ),
    (
        "C0003",
        "Material 1.º ESO",
        [("LP-CAH-A4-SPI", 120, "1.º ESO"), ("SC-BIL-BL50-M", 4, "Secretaría")],
    ),
]
STOCK = {
    # article: on hand at Saint-Priest (LYO), at Vilvoorde (VIL)
    "978-2-9581234-0-6": (340, 60),
    "978-2-9581234-1-3": (1250, 310),
    "978-2-9581234-2-0": (180, 95),
    "978-2-9581234-3-7": (620, 140),
    "978-2-9581234-4-4": (210, 0),
    "978-2-9581234-5-1": (0, 0),
    "978-2-9581234-6-8": (45, 0),
    "978-90-76543-21-5": (30, 265),
    "978-84-123456-7-4": (410, 12),
    "978-84-123456-8-1": (390, 20),
    "978-3-9812345-0-3": (150, 35),
    "978-3-9812345-1-0": (96, 40),
    "LP-CAH-A5-96": (2400, 600),
    "LP-CAH-A5-96-BL": (3800, 900),
    "LP-CAH-A5-96-RG": (3650, 850),
    "LP-CAH-A4-SPI": (1900, 420),
    "SC-BIL-BL50": (14, 0),
    "SC-BIL-BL50-M": (260, 80),
    "SC-PLUME-GRV": (310, 40),
    "LP-CRAY-24": (720, 180),
    "LP-AQUA-12": (0, 0),
    "LS-MEM-FLAGS": (88, 24),
    "LS-PUZ-EUROPE": (64, 70),
}
INCOMING = {
    # (warehouse, article): quantity expected, on
    ("LYO", "978-2-9581234-5-1"): (2500, "2027-02-24"),
    ("VIL", "978-2-9581234-4-4"): (200, "2026-12-03"),
    ("LYO", "LP-AQUA-12"): (600, "2027-01-08"),
    ("VIL", "978-90-76543-21-5"): (300, "2026-12-01"),
}

# ------------------------------------------------------------------ customer relations

CUSTOMER_EVENTS = [
    # customer, kind, subject, text, author (None: the portal itself), when (UTC)
    (
        "C0006",
        "applied",
        "Application from the portal",
        "Independent bookshop in Utrecht, Dutch and French titles.",
        None,
        "2026-08-28 09:14",
    ),
    (
        "C0006",
        "approved",
        "Account approved",
        "Trade price level; 5 % opening offer from 500 EUR until March 2027.",
        "claire.rousseau",
        "2026-09-02 10:00",
    ),
    (
        "C0006",
        "invited",
        "Pieter de Vries invited to the portal",
        None,
        "claire.rousseau",
        "2026-09-02 10:05",
    ),
    (
        "C0004",
        "applied",
        "Application from the portal",
        "Bookshop in Münster; asks for German and French children's books.",
        None,
        "2026-11-18 16:02",
    ),
    (
        "C0004",
        "email",
        "Application received",
        "Acknowledgement sent in German: answer within two working days.",
        "marc.janssens",
        "2026-11-19 08:40",
    ),
    (
        "C0001",
        "order_placed",
        "Order 2026-000101 placed",
        None,
        None,
        "2026-09-14 09:12",
    ),
    (
        "C0001",
        "comment",
        "2027 budgets voted",
        "The city council voted the 2027 acquisition budgets: 50,000 EUR for adult collections.",
        "claire.rousseau",
        "2026-11-12 14:30",
    ),
    (
        "C0003",
        "invited",
        "Pablo Ruiz invited to the portal",
        "Head of the Spanish department; orders without seeing prices.",
        "javier.morales",
        "2026-11-03 09:00",
    ),
    (
        "C0007",
        "support_request",
        "Support request: sea freight lead times",
        None,
        None,
        "2026-11-21 18:20",
    ),
    (
        "C0008",
        "comment",
        "Visit report",
        "Met Andrea Hoffmann: the children's library wants more easy-to-read titles in 2027.",
        "javier.morales",
        "2026-09-24 15:00",
    ),
    (
        "C0010",
        "suspended",
        "Account suspended: overdue invoices",
        "Two invoices unpaid for more than 60 days (1,864.20 EUR).",
        "javier.morales",
        "2026-10-30 11:10",
    ),
    (
        "C0011",
        "deactivated",
        "Shop closed",
        "The owner closed the Grenoble shop in June 2026; she still orders for Le Temps de Lire.",
        "claire.rousseau",
        "2026-06-30 17:00",
    ),
]
SUPPORT_REQUESTS = [
    # customer, contact, subject, message, status, received (UTC)
    (
        "C0007",
        "mariana.lopez@ateneocoyoacan.example",
        "Plazos de entrega por vía marítima",
        "Buenos días: ¿cuántas semanas tarda un envío por vía marítima hasta Ciudad de México? "
        "Necesitamos los libros para la Feria del Libro de enero.",
        "open",
        "2026-11-21 18:20",
    ),
    (
        "C0001",
        "lucas.bernard@bm-lyon.example",
        "Exemplaires manquants, commande 2026-000101",
        "Bonjour, il manque deux exemplaires du Petit Prince dans le colis de la Croix-Rousse.",
        "answered",
        "2026-09-22 10:48",
    ),
    (
        "C0005",
        "marie.lefevre@tempsdelire.example",
        "Facture en double",
        "La facture d'octobre nous est parvenue deux fois, merci d'annuler le doublon.",
        "closed",
        "2026-11-04 09:30",
    ),
    (
        "C0002",
        "sofie.peeters@bibliotheek-gent.example",
        "Levering op woensdag?",
        "Kunnen jullie onze bestellingen voortaan op woensdag leveren? Dan is het magazijn bemand.",
        "open",
        "2026-11-17 13:15",
    ),
]
ACCESS_REQUESTS = [
    # Field names as in model.yaml; the customer account by code, times in UTC.
    {
        "kind": "self_registration",
        "status": "pending",
        "company_name": "Buchhandlung am Markt",
        "country": "DE",
        "vat_number": "DE298412637",
        "first_name": "Jonas",
        "last_name": "Weber",
        "email": "jonas.weber@buchhandlung-am-markt.example",
        "phone": "+49 251 48 27 19",
        "language": "de",
        "message": "Wir möchten französische und deutsche Kinderbücher bei Ihnen bestellen.",
        "created_at": "2026-11-18 16:02",
        "customer": "C0004",
    },
    {
        "kind": "access_request",
        "status": "pending",
        "company_name": "Librairie des Carmes",
        "country": "FR",
        "vat_number": "FR08791234560",
        "first_name": "Hélène",
        "last_name": "Faure",
        "email": "helene.faure@librairie-des-carmes.example",
        "phone": "+33 5 61 52 40 18",
        "language": "fr",
        "message": "Librairie générale à Toulouse, nous souhaitons ouvrir un compte professionnel.",
        "created_at": "2026-11-20 11:37",
    },
    {
        "kind": "access_request",
        "status": "refused",
        "company_name": "Libros24 Online S.L.",
        "country": "ES",
        "vat_number": "ESB12345674",
        "first_name": "Sergio",
        "last_name": "Vidal",
        "email": "sergio.vidal@libros24.example",
        "language": "es",
        "message": "Vendemos libros en plataformas en línea y buscamos un nuevo proveedor.",
        "refusal_reason": "Nuestras condiciones están reservadas a librerías con tienda, "
        "bibliotecas y colegios.",
        "created_at": "2026-10-07 08:55",
    },
    {
        "kind": "self_registration",
        "status": "approved",
        "company_name": "Boekhandel De Zeven Provinciën",
        "country": "NL",
        "vat_number": "NL812345678B01",
        "first_name": "Pieter",
        "last_name": "de Vries",
        "email": "pieter.devries@zevenprovincien.example",
        "phone": "+31 30 231 44 58",
        "language": "nl",
        "message": "Onafhankelijke boekhandel in Utrecht, Nederlandse en Franse titels.",
        "created_at": "2026-08-28 09:14",
        "customer": "C0006",
    },
]
# The seller's own wording of two mails in French (app/domain/mail_texts.py): mail, language,
# subject, message.
MAIL_TEXTS = [
    (
        "invitation",
        "fr",
        "{shop} vous ouvre son portail professionnel",
        "Bonjour {name},\n\nVous pouvez désormais commander pour {company} sur notre portail : "
        "tarifs négociés, budgets de la bibliothèque et suivi des commandes au même endroit.",
    ),
    (
        "order_placed",
        "fr",
        "Commande {order_number} bien reçue",
        "Bonjour {name},\n\nMerci pour la commande {order_number} de {company}. Nous vous "
        "écrivons dès qu'elle est confirmée par notre service commandes.",
    ),
]

DOCUMENTS = [
    # file, shared with, customer group, customer, published on, titles, description
    (
        "general-terms-of-sale-2027.pdf",
        "everyone",
        None,
        None,
        "2026-11-02",
        (
            "General terms of sale 2027",
            "Conditions générales de vente 2027",
            "Algemene verkoopvoorwaarden 2027",
            "Condiciones generales de venta 2027",
            "Allgemeine Verkaufsbedingungen 2027",
        ),
        "Applies to every order placed from 1 January 2027.",
    ),
    (
        "christmas-catalogue-2026.pdf",
        "everyone",
        None,
        None,
        "2026-10-12",
        (
            "Christmas catalogue 2026",
            "Catalogue de Noël 2026",
            "Kerstcatalogus 2026",
            "Catálogo de Navidad 2026",
            "Weihnachtskatalog 2026",
        ),
        None,
    ),
    (
        "library-price-conditions-2027.pdf",
        "group",
        "Libraries",
        None,
        "2026-11-16",
        (
            "Price conditions for libraries 2027",
            "Conditions tarifaires collectivités 2027",
            "Prijsvoorwaarden bibliotheken 2027",
            "Condiciones de precios para bibliotecas 2027",
            "Preiskonditionen für Bibliotheken 2027",
        ),
        "Discounts by budget and the fixed book price rules of each country.",
    ),
    (
        "presupuesto-vuelta-al-cole-2027.pdf",
        "customer",
        None,
        "C0003",
        "2026-11-20",
        (
            "Back-to-school 2027 quotation",
            "Devis rentrée scolaire 2027",
            "Offerte nieuw schooljaar 2027",
            "Presupuesto vuelta al cole 2027",
            "Angebot Schulanfang 2027",
        ),
        None,
    ),
]


def load_demo_data() -> dict[str, int]:
    """Insert the demonstration records unless they are already there; return what was added.

    Everything is added in one commit (the staff users too), counted per entity.
    """
    session = db.session
    if session.query(Customer).filter_by(code=CUSTOMERS[0][0]).first() is not None:
        return {}
    try:
        staff, created = _staff_users()
        made = _records(staff)
        session.add_all([record for records in made.values() for record in records])
        logins = _portal_logins(made["contacts"])
        session.commit()
    except Exception:
        session.rollback()
        raise
    return (
        {"staff users": created}
        | {name: len(records) for name, records in made.items()}
        | {"portal logins": logins}
    )


DEMO_PORTAL_CONTACT = "camille.martin@bm-lyon.example"


def _portal_logins(contacts) -> int:
    """Every demo contact gets its login account: active ones with a password nobody knows
    (`demo_portal_password` gives one to print), invited ones waiting for their link."""
    for contact in contacts:
        user = login_account_for(db.session, contact)
        if contact.status == "active":
            set_password(user, secrets.token_urlsafe(18))
    return len(contacts)


def demo_portal_password() -> tuple[str, str] | None:
    """A fresh password for the demo's customer administrator, to print on the first start."""
    contact = db.session.scalars(
        sa.select(Contact).where(Contact.email == DEMO_PORTAL_CONTACT)
    ).first()
    if contact is None or contact.user is None:
        return None
    password = secrets.token_urlsafe(12)
    set_password(contact.user, password)
    db.session.commit()
    return contact.email, password


def _staff_users() -> tuple[dict, int]:
    """The back-office users of STAFF, by username: existing ones reused, the others created.

    They get a random password nobody knows: the administrator sets a real one before they log
    in. `flask demo load` may run on a database that `flask security sync` has not seen yet (run.py
    syncs first): then the roles are created the way a deploy creates them.
    """
    sm = current_app.appbuilder.sm
    if any(sm.find_role(role) is None for *_, role in STAFF):
        sync_roles_and_permissions()
    users, created = {}, 0
    for username, first_name, last_name, email, role in STAFF:
        user = sm.find_user(username=username)
        if user is None:
            password = secrets.token_urlsafe(24)
            user = sm.add_user(
                username, first_name, last_name, email, sm.find_role(role), password, commit=False
            )
            if not user:
                raise RuntimeError(f"could not create the demo user {username!r} ({email})")
            created += 1
        users[username] = user
    return users, created


def _records(staff: dict) -> dict[str, list]:
    """Every demo record, by entity, linked together but not yet added to the session."""
    made: dict[str, list] = {}
    # The seller may have saved settings of their own before loading the demo: they stay.
    settings_saved = db.session.query(PortalSettings.id).first() is not None
    warehouses = _keep(made, "warehouses", [_warehouse(*row) for row in WAREHOUSES], "code")
    rounds = _keep(
        made, "delivery rounds", [_round(warehouses, *row) for row in DELIVERY_ROUNDS], "name"
    )
    made["excluded delivery days"] = [
        ExcludedDeliveryDay(day=_date(day), reason=reason, delivery_round=rounds.get(round_name))
        for day, reason, round_name in EXCLUDED_DAYS
    ]
    levels = _keep(made, "price levels", [_price_level(*row) for row in PRICE_LEVELS], "code")
    catalogues = _keep(made, "catalogues", [_catalogue(*row) for row in CATALOGUES], "code")
    families = _keep(made, "families", _families(catalogues), "code")
    brands = _keep(made, "brands", [Brand(name=name) for name in BRANDS], "name")
    types = _keep(made, "product types", [_product_type(*row) for row in PRODUCT_TYPES], "code")
    articles = _keep(made, "articles", _articles(families, brands, types), "sku")
    tags = _keep(
        made, "article tags", [_article_tag(articles, *row) for row in ARTICLE_TAGS], "code"
    )
    seasons = _keep(made, "seasons", [_season(articles, *row) for row in SEASONS], "code")
    made["article photos"] = [
        ArticlePhoto(article=articles[sku], image=image, caption=caption, position=position)
        for sku, image, caption, position in ARTICLE_PHOTOS
    ]
    groups = _keep(
        made, "customer groups", [_group(levels, catalogues, row) for row in GROUPS], "name"
    )
    made["selections"] = [_selection(groups, articles, *row) for row in SELECTIONS]
    customers = _keep(made, "customers", _customers(groups, staff, levels), "code")
    _customer_logistics(customers, warehouses, rounds)
    _customer_catalogues(customers, tags, seasons, brands, types, articles)
    made["customer tags"] = [
        CustomerTag(name=name, colour=colour, customers=[customers[c] for c in codes])
        for name, colour, codes in CUSTOMER_TAGS
    ]
    made["addresses"] = [_address(customers, *row) for row in ADDRESSES]
    contacts = _keep(made, "contacts", [_contact(customers, *row) for row in CONTACTS], "email")
    made["exclusions"] = [
        Exclusion(
            customer=customers.get(customer),
            group=groups.get(group),
            article=articles.get(sku),
            family=families.get(family),
            reason=reason,
        )
        for customer, group, sku, family, reason in EXCLUSIONS
    ]
    price_lists = _keep(
        made,
        "price lists",
        [_price_list(levels, groups, customers, *r) for r in PRICE_LISTS],
        "name",
    )
    made["prices"] = [
        Price(
            price_list=price_lists[name],
            article=articles[sku],
            min_quantity=quantity,
            unit_price=Decimal(price),
        )
        for name, sku, quantity, price in PRICES
    ]
    made["order discounts"] = [_order_discount(groups, customers, *row) for row in ORDER_DISCOUNTS]
    made["promotions"] = [
        _promotion(articles, families, groups, customers, *row) for row in PROMOTIONS
    ]
    made["shipping rules"] = [
        _shipping_rule(groups, customers, warehouses, *row) for row in SHIPPING_RULES
    ]
    made["library budgets"] = [_library_budget(customers, *row) for row in LIBRARY_BUDGETS]
    made["library relation codes"] = [
        LibraryRelation(customer=customers[code], code=relation, name=name, is_main_library=main)
        for code, relation, name, main in LIBRARY_RELATIONS
    ]
    made["orders"] = [_order(customers, contacts, warehouses, articles, row) for row in ORDERS]
    made["order lines"] = [line for order in made["orders"] for line in order.lines]
    _last_orders(made["orders"])
    made["stock levels"] = _stock_levels(warehouses, articles, made["orders"])
    made["order templates"] = [
        OrderTemplate(
            customer=customers[code],
            name=name,
            lines=[
                OrderTemplateLine(article=articles[sku], quantity=quantity, line_reference=ref)
                for sku, quantity, ref in lines
            ],
        )
        for code, name, lines in ORDER_TEMPLATES
    ]
    made["order template lines"] = [
        line for template in made["order templates"] for line in template.lines
    ]
    # Camille's cart in progress, split between two library budgets.
    made["cart lines"] = [
        CartLine(
            contact=contacts[email],
            customer=customers[code],
            article=articles[sku],
            quantity=quantity,
            line_reference=reference,
            budget_code=budget,
            library_relation_code=relation,
        )
        for email, code, sku, quantity, reference, budget, relation in CART_LINES
    ]
    # The demo orders' confirmation mails, as the outbox keeps them once sent.
    made["outbox entries"] = [_order_mail_entry(order) for order in made["orders"]]
    made["customer history entries"] = [
        CustomerEvent(
            customer=customers[code],
            kind=kind,
            subject=subject,
            body=body,
            author=staff.get(author),
            occurred_at=_moment(when),
        )
        for code, kind, subject, body, author, when in CUSTOMER_EVENTS
    ]
    made["support requests"] = [
        SupportRequest(
            customer=customers[code],
            contact=contacts[email],
            subject=subject,
            message=message,
            status=status,
            created_at=_moment(when),
        )
        for code, email, subject, message, status, when in SUPPORT_REQUESTS
    ]
    made["access requests"] = [_access_request(customers, row) for row in ACCESS_REQUESTS]
    made["documents"] = [_document(groups, customers, *row) for row in DOCUMENTS]
    made["mail texts"] = [
        MailText(mail=mail, language=language, subject=subject, message=message)
        for mail, language, subject, message in MAIL_TEXTS
    ]
    made["portal settings"] = _portal_settings(levels, warehouses) if not settings_saved else []
    made["user preferences"] = [
        UserPreference(user=staff[username], language=language)
        for username, language in STAFF_LANGUAGES.items()
        # A member of staff reused from before the demo keeps the language they chose.
        if staff[username].id is None or staff_language(db.session, staff[username]) is None
    ]
    made["import runs"] = [_import_run(staff["sophie.lambert"], len(ARTICLES))]
    return made


def _import_run(user, articles: int) -> ImportRun:
    """The article base as the catalogue manager imported it (Settings -> Imports lists it)."""
    finished = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
    return ImportRun(
        kind="articles",
        file_name="articles-2026.xlsx",
        format="xlsx",
        language="fr",
        user=user,
        status="done",
        created_at=finished - datetime.timedelta(minutes=3),
        started_at=finished - datetime.timedelta(minutes=2),
        finished_at=finished,
        rows_total=articles,
        rows_done=articles,
        created_count=articles,
    )


def _order_mail_entry(order: SalesOrder) -> OutboxEntry:
    """The outbox entry an order's confirmation mail left behind, sent when placed."""
    recipient = order.contact.email if order.contact is not None else order.customer.email
    return OutboxEntry(
        job="app.jobs.mail:send_mail",
        arguments={
            "args": [[recipient], f"Order {order.number}", f"Order {order.number} is placed."],
            "kwargs": {},
        },
        status="sent",
        attempts=1,
        created_at=order.placed_at,
        sent_at=order.placed_at,
    )


def _keep(made: dict[str, list], name: str, records: list, key: str) -> dict:
    """Record `records` as the entity `name`'s and index them by `key` for the links to come."""
    made[name] = records
    return {getattr(record, key): record for record in records}


# ------------------------------------------------------------------ small helpers


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _moment(text: str) -> datetime.datetime:
    """A fixed moment, in UTC (the columns are timezone-aware)."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.UTC)


def _money(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _cents(amount: Decimal) -> Decimal:
    """Rounded to the cent the way an invoice is: halves away from zero."""
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _slug(text: str) -> str:
    """A web address name: "Le Tour du monde..." -> "le-tour-du-monde-...", accents dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _translate(record, field: str, texts: tuple[str, ...]):
    """Set `field` in English (the record's own column) and in French, Dutch, Spanish, German."""
    english, *others = texts
    setattr(record, field, english)
    for language, text in zip(OTHER_LANGUAGES, others, strict=True):
        setattr(record, f"{field}_{language}", text)
    return record


# ------------------------------------------------------------------ builders


def _warehouse(code, name, city, country, fee) -> Warehouse:
    return Warehouse(
        code=code, name=name, city=city, country=country, default_shipping_fee=Decimal(fee)
    )


def _round(warehouses, name, code, zones, weekdays, cut_off, lead_days) -> DeliveryRound:
    delivery_round = DeliveryRound(
        name=name,
        warehouse=warehouses[code],
        zones=zones,
        cut_off_time=datetime.time.fromisoformat(cut_off),
        lead_days=lead_days,
    )
    for weekday in weekdays:
        setattr(delivery_round, weekday, True)
    return delivery_round


def _price_level(code, position, names) -> PriceLevel:
    return _translate(PriceLevel(code=code, position=position), "name", names)


def _catalogue(code, position, public, display, label, names) -> Catalogue:
    catalogue = Catalogue(
        code=code, position=position, is_public=public, display_mode=display, label_format=label
    )
    return _translate(catalogue, "name", names)


def _families(catalogues) -> list[Family]:
    families: dict[str, Family] = {}
    for position, (code, parent, catalogue, names) in enumerate(FAMILIES):
        family = Family(
            code=code,
            parent=families.get(parent),
            catalogue=catalogues[catalogue],
            position=position,
        )
        families[code] = _translate(family, "name", names)
    return list(families.values())


def _product_type(code, names) -> ProductType:
    return _translate(ProductType(code=code), "name", names)


def _articles(families, brands, types) -> list[Article]:
    articles: dict[str, Article] = {}
    for sku, family, brand, product_type, price, status, weight, name in ARTICLES:
        unit, pack_size, multiple, minimum = PACKING.get(sku, ("piece", 1, 1, 1))
        article = Article(
            sku=sku,
            name=name,
            family=families[family],
            brand=brands[brand],
            product_type=types[product_type],
            base_price=Decimal(price),
            status=status,
            weight=Decimal(weight),
            unit=unit,
            pack_size=pack_size,
            order_multiple=multiple,
            minimum_quantity=minimum,
            available_from=_date(AVAILABLE_FROM.get(sku)),
            slug=_slug(name),
            published_online=status == "active",
            personalisation_allowed=sku in PERSONALISED,
        )
        if sku in BOOKS:
            author, pages, binding, published = BOOKS[sku]
            article.ean = sku.replace("-", "")
            article.vat_rate = BOOK_VAT_RATE
            article.publication_date = _date(published)
            article.attributes = {"author": author, "pages": pages, "binding": binding}
        else:
            article.ean = EANS[sku]
            article.vat_rate = STANDARD_VAT_RATE
            article.attributes = ATTRIBUTES.get(sku)
        if sku in ARTICLE_NAMES:
            _translate(article, "name", (name, *ARTICLE_NAMES[sku]))
        if sku in ARTICLE_DESCRIPTIONS:
            _translate(article, "description", ARTICLE_DESCRIPTIONS[sku])
        articles[sku] = article
    for sku, (parent, label) in VARIANTS.items():
        articles[sku].parent, articles[sku].variant_label = articles[parent], label
    for sku, related in RELATED_ARTICLES.items():
        articles[sku].related_articles = [articles[other] for other in related]
    return list(articles.values())


def _article_tag(articles, code, names, skus) -> ArticleTag:
    tag = ArticleTag(code=code, articles=[articles[sku] for sku in skus])
    return _translate(tag, "name", names)


def _season(articles, code, names, starts, ends, skus) -> Season:
    season = Season(code=code, valid_from=_date(starts), valid_to=_date(ends))
    for sku in skus:
        articles[sku].season = season
    return _translate(season, "name", names)


def _selection(
    groups, articles, names, texts, category, starts, ends, active, group_names, skus
) -> Selection:
    selection = Selection(
        library_category=category,
        valid_from=_date(starts),
        valid_to=_date(ends),
        is_active=active,
        groups=[groups[name] for name in group_names],
        articles=[articles[sku] for sku in skus],
    )
    _translate(selection, "name", names)
    return _translate(selection, "description", texts)


def _group(levels, catalogues, row: dict) -> CustomerGroup:
    money = ("minimum_order", "franco_threshold", "shipping_fee")
    values = row | {name: Decimal(row[name]) for name in money}
    values["price_level"] = levels[row["price_level"]]
    values["catalogues"] = [catalogues[code] for code in row["catalogues"]]
    return CustomerGroup(**values)


def _customers(groups, staff, levels) -> list[Customer]:
    customers = []
    for code, name, country, language, group, status, rep, vat_number in CUSTOMERS:
        details = dict(CUSTOMER_DETAILS.get(code, {}))
        level = details.pop("price_level", None)
        customer = Customer(
            code=code,
            name=name,
            country=country,
            language=language,
            group=groups[group],
            status=status,
            sales_rep=staff.get(rep),
            vat_number=vat_number,
            price_level=levels.get(level),
        )
        for field, value in details.items():
            if field in CUSTOMER_MONEY_FIELDS:
                value = _money(value)
            elif field == "customer_since":
                value = _date(value)
            setattr(customer, field, value)
        customers.append(customer)
    return customers


def _customer_logistics(customers, warehouses, rounds) -> None:
    for code, (warehouse, round_name, allowed) in CUSTOMER_LOGISTICS.items():
        customer = customers[code]
        customer.default_warehouse = warehouses[warehouse]
        customer.delivery_round = rounds.get(round_name)
        customer.allowed_warehouses = [warehouses[other] for other in allowed]


def _customer_catalogues(customers, tags, seasons, brands, types, articles) -> None:
    """What some customers see and may buy; the others see their catalogues whole."""
    for field, table, records in (
        ("visible_tags", VISIBLE_TAGS, tags),
        ("visible_seasons", VISIBLE_SEASONS, seasons),
        ("visible_brands", VISIBLE_BRANDS, brands),
        ("purchasable_product_types", PURCHASABLE_PRODUCT_TYPES, types),
        ("purchasable_articles", PURCHASABLE_ARTICLES, articles),
    ):
        for code, keys in table.items():
            setattr(customers[code], field, [records[key] for key in keys])


def _address(customers, code, kind, name, line1, line2, postcode, city, country, ship, bill):
    return Address(
        customer=customers[code],
        kind=kind,
        name=name,
        line1=line1,
        line2=line2,
        postcode=postcode,
        city=city,
        country=country,
        phone=customers[code].phone,
        default_shipping=ship,
        default_billing=bill,
    )


def _contact(customers, first, last, email, language, role, status, codes) -> Contact:
    administrator = role == "administrator"
    contact = Contact(
        first_name=first,
        last_name=last,
        email=email,
        language=language,
        company_role=role,
        status=status,
        may_manage_users=administrator,
        sees_all_orders=administrator,
        customers=[customers[code] for code in codes],
    )
    for field, value in CONTACT_PERMISSIONS.get(email, {}).items():
        setattr(contact, field, _money(value) if field == "order_limit" else value)
    return contact


def _price_list(levels, groups, customers, name, level, group, customer, starts, ends, priority):
    return PriceList(
        name=name,
        price_level=levels.get(level),
        group=groups.get(group),
        customer=customers.get(customer),
        valid_from=_date(starts),
        valid_to=_date(ends),
        priority=priority,
    )


def _order_discount(groups, customers, name, group, customer, minimum, percent, starts, ends):
    return OrderDiscount(
        name=name,
        group=groups.get(group),
        customer=customers.get(customer),
        min_total=Decimal(minimum),
        percentage=Decimal(percent),
        valid_from=_date(starts),
        valid_to=_date(ends),
    )


def _promotion(
    articles,
    families,
    groups,
    customers,
    names,
    starts,
    ends,
    kind,
    amount,
    skus,
    codes,
    group_names,
    customer_codes,
    active,
) -> Promotion:
    promotion = Promotion(
        starts_on=_date(starts),
        ends_on=_date(ends),
        kind=kind,
        percentage=Decimal(amount) if kind == "percentage" else None,
        fixed_price=Decimal(amount) if kind == "fixed_price" else None,
        articles=[articles[sku] for sku in skus],
        families=[families[code] for code in codes],
        groups=[groups[name] for name in group_names],
        customers=[customers[code] for code in customer_codes],
        is_active=active,
    )
    return _translate(promotion, "name", names)


def _shipping_rule(
    groups, customers, warehouses, name, group, customer, warehouse, fee, franco, alone, minimum
) -> ShippingRule:
    return ShippingRule(
        name=name,
        group=groups.get(group),
        customer=customers.get(customer),
        warehouse=warehouses.get(warehouse),
        fee=Decimal(fee),
        franco_threshold=_money(franco),
        show_franco_without_fee=alone,
        minimum_order=_money(minimum),
    )


def _library_budget(
    customers, code, budget, name, total, remaining, discount, fixed_discount, months, starts, ends
) -> LibraryBudget:
    return LibraryBudget(
        customer=customers[code],
        code=budget,
        name=name,
        total=Decimal(total),
        remaining=Decimal(remaining),
        default_discount=Decimal(discount),
        fixed_price_discount=Decimal(fixed_discount),
        fixed_price_months=months,
        valid_from=_date(starts),
        valid_to=_date(ends),
    )


# ------------------------------------------------------------------ orders


def _vat_exempt(customer: Customer) -> bool:
    if customer.vat_exempt == "group":
        return bool(customer.group and customer.group.vat_exempt)
    return customer.vat_exempt == "exempt"


def _address_text(customer: Customer, use: str) -> str | None:
    """The customer's default address for `use` (shipping, billing), as an order prints it."""
    address = next((a for a in customer.addresses if getattr(a, f"default_{use}")), None)
    if address is None:
        return None
    country = Locale.parse(customer.language or "en").territories.get(address.country)
    lines = (address.name, address.line1, address.line2, f"{address.postcode} {address.city}")
    return "\n".join(line for line in (*lines, country) if line)


def _order(customers, contacts, warehouses, articles, row: dict) -> SalesOrder:
    values = dict(row)
    discount_percent = Decimal(values.pop("order_discount", "0"))
    customer = customers[row["customer"]]
    exempt = _vat_exempt(customer)
    values |= {
        "customer": customer,
        "contact": contacts[row["contact"]],
        "warehouse": warehouses[row["warehouse"]],
        "placed_at": _moment(row["placed_at"]),
        "requested_delivery_date": _date(row.get("requested_delivery_date")),
        "shipping_fee": Decimal(row["shipping_fee"]),
        # Copied as text: later changes to the customer's addresses leave the order as placed.
        "shipping_address": _address_text(customer, "shipping"),
        "billing_address": _address_text(customer, "billing"),
    }
    order = SalesOrder(**values)
    for sku, quantity, discount, reference, budget, relation, text in ORDER_LINES[order.number]:
        article = articles[sku]
        unit_price, discount = article.base_price, Decimal(discount)
        order.lines.append(
            OrderLine(
                article=article,
                sku=sku,
                # The description the buyer read, in the customer's language.
                description=translated(article, "name", customer.language),
                quantity=quantity,
                unit_price=unit_price,
                discount_percent=discount,
                vat_rate=Decimal("0") if exempt else article.vat_rate,
                line_total=_cents(quantity * unit_price * (1 - discount / 100)),
                line_reference=reference,
                budget_code=budget,
                library_relation_code=relation,
                personalisation=text,
            )
        )
    _order_totals(order, discount_percent, exempt)
    return order


def _order_totals(order: SalesOrder, discount_percent: Decimal, exempt: bool) -> None:
    """Discount, net, VAT and gross totals from the lines, the order discount and shipping.

    The order discount lowers every line's VAT base in the same proportion; shipping bears VAT
    at the standard rate unless the customer is exempt.
    """
    lines_total = sum((line.line_total for line in order.lines), Decimal("0"))
    order.discount_total = _cents(lines_total * discount_percent / 100)
    order.net_total = lines_total - order.discount_total + order.shipping_fee
    kept = 1 - discount_percent / 100
    shipping_rate = Decimal("0") if exempt else SHIPPING_VAT_RATE
    vat = sum((line.line_total * kept * line.vat_rate / 100 for line in order.lines), Decimal("0"))
    order.vat_total = _cents(vat + order.shipping_fee * shipping_rate / 100)
    order.gross_total = order.net_total + order.vat_total
    order.weight = sum(
        (line.quantity * line.article.weight for line in order.lines), Decimal("0.000")
    )


def _last_orders(orders: list[SalesOrder]) -> None:
    for order in orders:
        customer = order.customer
        if customer.last_order_at is None or order.placed_at > customer.last_order_at:
            customer.last_order_at = order.placed_at


def _stock_levels(warehouses, articles, orders) -> list[StockLevel]:
    """Every article in every warehouse; what open orders hold is reserved."""
    reserved: dict[tuple[str, str], int] = defaultdict(int)
    for order in orders:
        if order.status in OPEN_ORDER_STATUSES:
            for line in order.lines:
                reserved[order.warehouse.code, line.sku] += line.quantity
    levels = []
    for sku, article in articles.items():
        for code, on_hand in zip(("LYO", "VIL"), STOCK[sku], strict=True):
            incoming, expected = INCOMING.get((code, sku), (None, None))
            levels.append(
                StockLevel(
                    warehouse=warehouses[code],
                    article=article,
                    on_hand=on_hand,
                    reserved=reserved[code, sku],
                    incoming_quantity=incoming,
                    incoming_date=_date(expected),
                )
            )
    return levels


# ------------------------------------------------------------------ customer relations


def _access_request(customers, row: dict) -> AccessRequest:
    values = row | {"created_at": _moment(row["created_at"])}
    values["customer"] = customers.get(row.get("customer"))
    return AccessRequest(**values)


def _document(
    groups, customers, file, audience, group, customer, published, titles, text
) -> Document:
    document = Document(
        file=file,
        audience=audience,
        group=groups.get(group),
        customer=customers.get(customer),
        published_on=_date(published),
        description=text,
    )
    return _translate(document, "title", titles)


def _portal_settings(levels, warehouses) -> list[PortalSettings]:
    """The one settings record of the whole shop."""
    return [
        PortalSettings(
            **PORTAL_SETTINGS,
            default_price_level=levels[SETTINGS_PRICE_LEVEL],
            default_warehouse=warehouses[SETTINGS_WAREHOUSE],
        )
    ]
