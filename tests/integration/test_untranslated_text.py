"""No user-facing text escapes translation: the main screens, mails and the order confirmation
PDF, shown in a marker language, hold no text outside the markers but data.

The marker catalogue is built at test time from the committed translations/messages.pot (and
Flask-AppBuilder's own strings): every translation is its English source between MARK_OPEN and
MARK_CLOSE, placeholders left as they are. It is compiled for MARKER_LANGUAGE, a real locale
(Babel knows its numbers and dates) that no catalogue of ours or Flask-AppBuilder's ships, and the
demonstration data (app/demo.py) is shown in it. What remains on a page once the marked text,
the data and the short allow-list below are taken away is English that never went through
Babel: the test names the screen and the words.

A string added to the code but not yet extracted (`make translations` not run) shows as a leak
too: extract it, then the test passes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import flask_appbuilder
import pytest
import sqlalchemy as sa
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.units import format_unit
from flask_appbuilder import Model
from pypdf import PdfReader
from wtforms.i18n import get_translations

from app.backoffice.formatting import WEIGHT_UNIT
from app.demo import DEMO_PORTAL_CONTACT, demo_portal_password, load_demo_data
from app.extensions import db
from app.generated.models import (
    Contact,
    Customer,
    OrderLine,
    OutboxEntry,
    PortalSettings,
    SalesOrder,
    Selection,
)
from app.jobs.mail import SEND_MAIL
from tests.conftest import PASSWORD, Auth, _empty_seller_tables, csrf_token, make_app
from tests.integration.records import model_class, screen
from tests.portal import portal_login

# One app, one database: which one does not matter to the words on a page.
ON_SQLITE = pytest.mark.parametrize("backend_app", ["sqlite"], indirect=True)

ROOT = Path(__file__).resolve().parents[2]
# Welsh: Babel has its locale data (so dates and numbers are formatted in it, and its month
# names differ from English ones), and neither translations/ nor Flask-AppBuilder ships it.
MARKER_LANGUAGE = "cy"
# In the PDF's font (Fira Sans) and in no template nor demo record.
MARK_OPEN, MARK_CLOSE = "\u207d", "\u207e"  # ⁽ ⁾
MARKED = re.compile(f"{MARK_OPEN}[^{MARK_OPEN}{MARK_CLOSE}]*{MARK_CLOSE}")

# Words shown untranslated on purpose, each with its reason. None is needed today: the shop's
# name, the back office's (APP_NAME) and every record's text are data (`Data` below), Babel
# writes dates, numbers, currencies, countries and languages in the marker language itself, and
# WTForms translates its own messages. Add a word only when no catalogue can translate it.
ALLOWED_WORDS: frozenset[str] = frozenset()


def _marked(text: str) -> str:
    return f"{MARK_OPEN}{text}{MARK_CLOSE}"


def _marker_catalogue() -> Catalog:
    """Every English source of ours and of Flask-AppBuilder's, translated into itself between
    markers (plural forms too)."""
    catalogue = Catalog(locale=MARKER_LANGUAGE)
    sources = [ROOT / "translations" / "messages.pot"]
    # Flask-AppBuilder ships no messages.pot; its French catalogue holds every one of its sources.
    fab = Path(flask_appbuilder.__file__).parent / "translations" / "fr" / "LC_MESSAGES"
    sources.append(fab / "messages.po")
    forms = catalogue.num_plurals
    for source in sources:
        # Flask-AppBuilder's header carries dates Babel cannot read, and no string.
        lines = source.read_bytes().splitlines(keepends=True)
        body = b"".join(line for line in lines if not re.match(rb'"(POT|PO)-[\w-]*Date', line))
        for message in read_po(BytesIO(body)):
            if not message.id:
                continue
            if isinstance(message.id, (list, tuple)):
                singular, plural = message.id
                strings = [_marked(singular)] + [_marked(plural)] * (forms - 1)
                catalogue.add(message.id, strings, context=message.context)
            else:
                catalogue.add(message.id, _marked(message.id), context=message.context)
    return catalogue


@pytest.fixture(scope="module")
def marker_app(backend_app, tmp_path_factory):
    """The demo data, seen through an app whose only catalogue is the marker language's, which
    is the shop's language and everybody's (mails and PDFs included)."""
    assert Locale.parse(MARKER_LANGUAGE)  # Babel knows it
    tmp = tmp_path_factory.mktemp("markers")
    folder = tmp / "translations" / MARKER_LANGUAGE / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as out:
        write_mo(out, _marker_catalogue())
    with backend_app.app_context():
        load_demo_data()
        # Everybody speaks the marker language: nobody's own, the customers' and the shop's.
        db.session.execute(sa.update(Contact).values(language=None))
        db.session.execute(sa.update(Customer).values(language=MARKER_LANGUAGE))
        db.session.execute(sa.update(PortalSettings).values(default_language=MARKER_LANGUAGE))
        db.session.commit()
        db.session.remove()
    languages = dict(backend_app.config["LANGUAGES"])
    languages[MARKER_LANGUAGE] = {"flag": MARKER_LANGUAGE, "name": "Cymraeg"}
    app = make_app(
        tmp,
        backend_app.config["SQLALCHEMY_DATABASE_URI"],
        BABEL_TRANSLATION_DIRECTORIES=str(tmp / "translations"),
        LANGUAGES=languages,
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    _empty_seller_tables(backend_app)


# -- reading a page --------------------------------------------------------------------------

# Attributes a person reads (or hears, with a screen reader).
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
BUTTON_TYPES = {"submit", "button", "reset"}


class _VisibleText(HTMLParser):
    """The text a visitor reads on a page: text nodes outside script and style, and the
    attributes above (and a button's value), one piece per line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        attributes = dict(attrs)
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.pieces.append(attributes[name])
        if tag == "input" and attributes.get("type") in BUTTON_TYPES and attributes.get("value"):
            self.pieces.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.pieces)


def unmarked(text: str) -> list[str]:
    """The pieces of `text` left outside markers (marked text may nest: "⁽Add ⁽Customer⁾⁾")."""
    previous = None
    while previous != text:
        previous, text = text, MARKED.sub("\n", text)
    return [line.strip() for line in text.split("\n") if line.strip()]


WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Tokens that are not words to translate: addresses, web links, codes with digits.
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|/\S*|\S*\d\S*")


class Data:
    """The texts a page may show untranslated: every text stored in the database (but choices,
    such as statuses: their labels are translated on screen, so a raw value shown is a leak),
    the names Babel writes in the marker language, and WTForms' own translated messages."""

    def __init__(self, app):
        values: set[str] = set()
        with app.app_context():
            for table in Model.metadata.sorted_tables:
                columns = [
                    c
                    for c in table.columns
                    if isinstance(c.type, (sa.String, sa.Text)) and not isinstance(c.type, sa.Enum)
                ]
                if not columns or table.name == "outbox_entry":  # mails: what the test reads
                    continue
                for row in db.session.execute(sa.select(*columns)):
                    values.update(str(v) for v in row if v)
            db.session.remove()
        # WTForms translates its own messages ("This field is required."), in every language
        # we ship as in the marker language.
        values |= {str(text) for text in get_translations([MARKER_LANGUAGE])._catalog.values()}
        # Babel's names in the marker language: months, days, countries, languages, currencies;
        # and each language's name for itself, in the language switchers.
        locale = Locale.parse(MARKER_LANGUAGE)
        for names in (locale.months, locale.days):
            values |= {name for width in names["format"].values() for name in width.values()}
        for names in (locale.territories, locale.languages, locale.currencies):
            values |= set(names.values())
        values |= {language["name"] for language in app.config["LANGUAGES"].values()}
        # The weight's unit, as Babel writes it in the marker language ("0,42 kg").
        weight = format_unit(1, WEIGHT_UNIT, length="short", locale=MARKER_LANGUAGE)
        values |= set(WORD.findall(weight))
        # The back office's name (APP_NAME) is the operator's setting, as the shop's name is.
        values.add(app.config["APP_NAME"])
        # A text of several lines is shown a line at a time, too.
        self.values = {line.strip() for v in values for line in [v, *v.splitlines()]} - {""}
        # word -> the values holding it, to find which values a piece of a page may contain
        self.holding: dict[str, set[str]] = {}
        for value in self.values:
            for word in set(WORD.findall(value)):
                self.holding.setdefault(word, set()).add(value)


def _words(text: str) -> set[str]:
    """The words of `text` a reader would expect in their language (not one letter, a code, an
    address or a number)."""
    words = WORD.findall(NOT_WORDS.sub(" ", text))
    return {w for w in words if len(w) > 1 and w not in ALLOWED_WORDS}


def leaks(text: str, data: Data) -> list[str]:
    """The pieces of `text` holding a word that is neither marked, nor data, nor allowed.

    A piece may mix data and words ("Lyon, France"): the data values found in it are taken out
    whole, so a word that only happens to occur in some record ("Order") still counts.
    """
    found = []
    for piece in unmarked(text):
        if piece in data.values:
            continue
        words = _words(piece)
        if words - data.holding.keys():
            found.append(piece)
            continue
        rest = piece
        candidates = {value for word in words for value in data.holding[word]}
        for value in sorted(candidates, key=len, reverse=True):
            if value in rest:
                rest = rest.replace(value, "\n")
        if _words(rest):
            found.append(piece)
    return found


def assert_translated(where: str, html: str, data: Data) -> None:
    assert MARK_OPEN in html, f"{where} is not in the marker language"
    found = leaks(visible_text(html), data)
    assert not found, f"{where} shows untranslated text:\n" + "\n".join(map(repr, found))


# -- the screens -----------------------------------------------------------------------------


def _first(app, query):
    with app.app_context():
        value = db.session.scalar(query)
        db.session.remove()
    return value


@pytest.fixture(scope="module")
def portal_client(marker_app):
    """The demo's customer administrator, logged in to the portal."""
    with marker_app.app_context():
        email, password = demo_portal_password()
        db.session.remove()
    client = marker_app.test_client()
    with client.session_transaction() as session:
        session["locale"] = MARKER_LANGUAGE
    response = portal_login(client, email, password)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


@pytest.fixture(scope="module")
def staff_client(marker_app):
    client = marker_app.test_client()
    with client.session_transaction() as session:
        session["locale"] = MARKER_LANGUAGE
    response = Auth(client).login("admin", PASSWORD)
    assert response.status_code == 302
    return client


@pytest.fixture(scope="module")
def data(marker_app, portal_client, staff_client):
    return Data(marker_app)


def _portal_ids(app) -> dict:
    contact = _first(app, sa.select(Contact.id).where(Contact.email == DEMO_PORTAL_CONTACT))
    with app.app_context():
        customer = db.session.get(Contact, contact).customers[0]
        ids = {
            "order": db.session.scalar(
                sa.select(SalesOrder.number)
                .where(SalesOrder.customer_id == customer.id)
                .order_by(SalesOrder.id)
            ),
            "article": db.session.scalar(
                sa.select(OrderLine.article_id)
                .join(SalesOrder)
                .where(SalesOrder.customer_id == customer.id)
                .order_by(OrderLine.id)
            ),
            "selection": db.session.scalar(sa.select(Selection.id).order_by(Selection.id)),
        }
        db.session.remove()
    return ids


PORTAL_SCREENS = [
    "/portal/",
    "/portal/catalogue/",
    "/portal/article/{article}",
    "/portal/cart/",
    "/portal/checkout/",
    "/portal/orders/",
    "/portal/orders/{order}",
    "/portal/company",
    "/portal/company/users/new",
    "/portal/company/addresses/new",
    "/portal/documents/",
    "/portal/support/",
    "/portal/selections/",
    "/portal/selections/{selection}",
    "/portal/templates/",
]


@ON_SQLITE
@pytest.mark.parametrize("url", PORTAL_SCREENS)
def test_portal_screen_shows_only_translated_text(marker_app, portal_client, data, url):
    address = url.format(**_portal_ids(marker_app))
    response = portal_client.get(address)
    assert response.status_code == 200, address
    assert_translated(address, response.get_data(as_text=True), data)


ANONYMOUS_SCREENS = [
    "/portal/login",
    "/portal/register",
    "/portal/request-access",
    "/portal/forgot-password",
    "/login/",
]


@ON_SQLITE
@pytest.mark.parametrize("url", ANONYMOUS_SCREENS)
def test_visitor_screen_shows_only_translated_text(marker_app, data, url):
    client = marker_app.test_client()
    with client.session_transaction() as session:
        session["locale"] = MARKER_LANGUAGE
    response = client.get(url)
    assert response.status_code == 200, url
    assert_translated(url, response.get_data(as_text=True), data)


BACKOFFICE_ENTITIES = [
    "customer",
    "contact",
    "article",
    "price_list",
    "sales_order",
    "mail_text",
    "portal_settings",
    "address",
    "promotion",
    "access_request",
    "document",
]


def _backoffice_screens() -> list[str]:
    screens = ["/", "/approvals/", "/plain-accounts/", f"{screen('outbox_entry')}/list/"]
    for entity in BACKOFFICE_ENTITIES:
        base = screen(entity)
        screens += [f"{base}/show/{{{entity}}}", f"{base}/edit/{{{entity}}}"]
        if entity != "portal_settings":  # one record: its list opens it
            screens.append(f"{base}/list/")
    screens += [f"{screen('customer')}/add", f"{screen('article')}/add"]
    screens += [
        f"{screen('customer')}/status/{{customer}}",
        f"{screen('customer')}/email/{{customer}}",
        f"{screen('customer')}/invite/{{customer}}",
    ]
    return screens


def _first_ids(app) -> dict:
    with app.app_context():
        ids = {
            entity: db.session.scalar(sa.select(sa.func.min(model_class(entity).id)))
            for entity in BACKOFFICE_ENTITIES
        }
        db.session.remove()
    return ids


@ON_SQLITE
@pytest.mark.parametrize("url", _backoffice_screens())
def test_backoffice_screen_shows_only_translated_text(marker_app, staff_client, data, url):
    address = url.format(**_first_ids(marker_app))
    response = staff_client.get(address)
    assert response.status_code == 200, address
    assert_translated(address, response.get_data(as_text=True), data)


def test_the_check_finds_english_outside_the_markers():
    data = Data.__new__(Data)
    data.values, data.holding = {"Lyon", "Order placed"}, {"Lyon": {"Lyon"}}
    data.holding |= {"Order": {"Order placed"}, "placed": {"Order placed"}}
    text = visible_text(
        f"<h1>{_marked('Cart')}</h1><p>Lyon</p><p>{_marked('Add ' + _marked('Customer'))}</p>"
        f"<button title='Remove line'>2</button><script>var a = 'code';</script>"
        f"<p>{_marked('Total')}: 12,50 €</p><p>Checkout now</p><p>Lyon, France</p>"
        f"<td>Order placed</td><td>Order</td>"
    )
    assert leaks(text, data) == ["Remove line", "Checkout now", "Lyon, France", "Order"]


# -- forms, messages, mails and the PDF -------------------------------------------------------


class _FormDefaults(HTMLParser):
    """What a browser sends back for a form as it is shown: its inputs' values, the chosen
    (else the first) option of each list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("checkbox", "submit"):
            self.values.setdefault(name, attributes.get("value") or "")
        elif tag == "select":
            self._select = name
        elif (
            tag == "option"
            and self._select
            and (self._select not in self.values or "selected" in attributes)
        ):
            self.values[self._select] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_defaults(html: str) -> dict[str, str]:
    parser = _FormDefaults()
    parser.feed(html)
    return parser.values


@ON_SQLITE
def test_portal_form_errors_are_translated(marker_app, portal_client, data):
    url = "/portal/company/users/new"
    response = portal_client.post(url, data={"csrf_token": csrf_token(portal_client, url)})
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 422) and 'class="errors"' in html
    assert_translated(f"{url} (errors)", html, data)


@ON_SQLITE
def test_backoffice_form_errors_are_translated(marker_app, staff_client, data):
    url = f"{screen('customer')}/add"
    response = staff_client.post(url, data={"csrf_token": csrf_token(staff_client, url)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "alert-danger" in html
    assert_translated(f"{url} (errors)", html, data)


@ON_SQLITE
def test_flash_message_is_translated(marker_app, portal_client, data):
    ids = _portal_ids(marker_app)
    page = f"/portal/article/{ids['article']}"
    response = portal_client.post(
        "/portal/cart/add",
        data={
            "article_id": ids["article"],
            "quantity": 1,
            "next": page,
            "csrf_token": csrf_token(portal_client, page),
        },
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'role="alert"' in html
    assert_translated("/portal/cart/add (message)", html, data)


def _mails_since(app, last_id: int) -> list[tuple[str, str, str]]:
    """(subject, text, html) of every mail written to the outbox after entry `last_id`."""
    with app.app_context():
        entries = db.session.scalars(
            sa.select(OutboxEntry).where(OutboxEntry.id > last_id).order_by(OutboxEntry.id)
        ).all()
        # send_mail(to, subject, text, html=None, ...)
        mails = [
            (*entry.arguments["args"][1:3], (entry.arguments["args"][3:] or [""])[0])
            for entry in entries
            if entry.job == SEND_MAIL
        ]
        db.session.remove()
    return mails


@ON_SQLITE
def test_mails_and_confirmation_pdf_are_translated(marker_app, portal_client, staff_client):
    """A checkout (the buyer's and the staff's mails, the PDF), its confirmation and shipment by
    the order desk, a support request and a password reset, each in the marker language: the
    shop's and the customer's."""
    last = _first(marker_app, sa.select(sa.func.coalesce(sa.func.max(OutboxEntry.id), 0)))
    checkout = portal_client.get("/portal/checkout/").get_data(as_text=True)
    placed = portal_client.post("/portal/checkout/", data=form_defaults(checkout))
    assert placed.status_code == 302, placed.get_data(as_text=True)
    number = placed.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    order = _first(marker_app, sa.select(SalesOrder.id).where(SalesOrder.number == number))
    desk = f"{screen('sales_order')}/show/{order}"
    for status in ("confirmed", "in_preparation", "shipped"):
        changed = staff_client.post(
            f"{screen('sales_order')}/desk/status/{order}",
            data={"status": status, "csrf_token": csrf_token(staff_client, desk)},
        )
        assert changed.status_code == 302
    support = "/portal/support/"
    answer = portal_client.post(
        support,
        data={
            **form_defaults(portal_client.get(support).get_data(as_text=True)),
            "subject": "Question",
            "message": "Where is my parcel?",
        },
    )
    assert answer.status_code in (200, 302)
    visitor = marker_app.test_client()
    with visitor.session_transaction() as session:
        session["locale"] = MARKER_LANGUAGE
    forgot = "/portal/forgot-password"
    visitor.post(
        forgot, data={"email": DEMO_PORTAL_CONTACT, "csrf_token": csrf_token(visitor, forgot)}
    )

    mails = _mails_since(marker_app, last)
    # placed (the buyer, the staff), confirmed, shipped, support (the staff), password reset
    assert len(mails) >= 8, [subject for subject, _text, _html in mails]
    data = Data(marker_app)  # the order and the request are data now
    found = []
    for subject, text, html in mails:
        found += [(subject, leak) for leak in leaks(f"{subject}\n{text}", data)]
        found += [(subject, leak) for leak in leaks(visible_text(html), data)]
    assert not found, "mails with untranslated text:\n" + "\n".join(map(repr, found))

    pdf = portal_client.get(f"/portal/orders/{number}/confirmation.pdf")
    assert pdf.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf.data)).pages)
    assert MARK_OPEN in text
    assert leaks(text, data) == []
