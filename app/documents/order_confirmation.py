"""The order confirmation PDF, in the customer's language.

Why here and not in app/domain: what an order holds, its totals and who may see it are rules,
written once in app/domain (checkout, order_history, scoping); this module only lays out an order
as it was placed, like a template does, and changes for other reasons (a column, a logo). It
computes no price: every amount is read from the order and its lines.

The language is the recipient's (the contact's who placed the order, else the company's, else the
shop's: `app.domain.accounts.recipient_language`), dates and amounts are formatted by Babel in that
locale, amounts in the shop's currency. The text is set in Fira Sans, a TrueType font shipped as a
pip package (fontpkg-fira-sans), embedded and subset by fpdf2: a customer named in Polish, Greek or
Cyrillic prints as written, where the PDF core fonts know only Latin-1.
"""

from __future__ import annotations

from decimal import Decimal

import fontpkg
from flask import current_app
from flask_babel import force_locale, format_currency, format_date, format_decimal
from flask_babel import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace
from sqlalchemy.orm import Session

from app.domain.accounts import recipient_language
from app.domain.settings import portal_settings, shop_currency
from app.generated.models import SalesOrder

FONT = "FiraSans"
GREY = (82, 96, 109)
RULE = (203, 210, 217)
# Babel writes French thousands with a narrow no-break space, a glyph Fira Sans lacks; a plain
# no-break space keeps the number on one line and looks the same on paper.
_SPACES = str.maketrans({"\u202f": "\u00a0"})


def confirmation_language(session: Session, order: SalesOrder) -> str:
    """The language of `order`'s confirmation: its contact's, else its customer's, else the
    shop's."""
    return recipient_language(order.contact, order.customer, _shop_language(session))


def confirmation_filename(order: SalesOrder) -> str:
    return f"order-{order.number}.pdf"


def order_confirmation_pdf(session: Session, order: SalesOrder) -> bytes:
    """The confirmation of `order` as a PDF document, in `confirmation_language`."""
    language = confirmation_language(session, order)
    with force_locale(language):
        document = _Confirmation(session, order, language)
        document.write()
        return bytes(document.output())


def _shop_language(session: Session) -> str:
    settings = portal_settings(session)
    return (settings.default_language if settings else None) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]


def _shop_name(session: Session) -> str:
    settings = portal_settings(session)
    return (settings.shop_name if settings else None) or current_app.config["APP_NAME"]


class _Confirmation(FPDF):
    """One order's confirmation: header, facts, addresses, lines, totals."""

    def __init__(self, session: Session, order: SalesOrder, language: str):
        super().__init__(format="A4")
        self.order = order
        self.seller = _shop_name(session)
        self.currency = shop_currency(session)
        self.add_font(FONT, "", str(fontpkg.path("Fira Sans", weight=400)))
        self.add_font(FONT, "B", str(fontpkg.path("Fira Sans", weight=700)))
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        title = _("Order confirmation %(number)s", number=order.number)
        self.set_title(title)
        self.set_author(self.seller)
        self.set_creator(self.seller)
        self.set_lang(language)

    # --- what is printed ---------------------------------------------------------------------

    def write(self) -> None:
        self.add_page()
        self._heading()
        self._facts()
        self._addresses()
        self._lines()
        self._totals()
        self._note()

    def footer(self) -> None:
        self.set_y(-12)
        self._font(8, colour=GREY)
        self.cell(
            0,
            5,
            self._text(
                _(
                    "%(shop)s · order %(number)s · page %(page)s of %(pages)s",
                    shop=self.seller,
                    number=self.order.number,
                    page=self.page_no(),
                    pages="{nb}",
                )
            ),
            align="C",
        )

    def _heading(self) -> None:
        self._font(16, bold=True)
        self.cell(0, 9, self._text(self.seller), new_x="LMARGIN", new_y="NEXT")
        self._font(13)
        self.cell(
            0,
            8,
            self._text(_("Order confirmation %(number)s", number=self.order.number)),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.ln(3)

    def _facts(self) -> None:
        order = self.order
        statuses = dict(SalesOrder.STATUS_CHOICES)
        payments = dict(SalesOrder.PAYMENT_METHOD_CHOICES)
        facts = [
            (_("Order number"), order.number),
            (_("Placed on"), format_date(order.placed_at, "long") if order.placed_at else ""),
            (_("Status"), str(statuses.get(order.status, order.status))),
            (_("Customer"), order.customer.name if order.customer else ""),
            (_("Placed by"), str(order.contact) if order.contact else ""),
            (_("Order reference"), order.reference),
            (_("Cost centre"), order.cost_centre),
            (_("Payment method"), str(payments.get(order.payment_method, order.payment_method))),
            (
                _("Requested delivery date"),
                format_date(order.requested_delivery_date, "long")
                if order.requested_delivery_date
                else None,
            ),
        ]
        self._font(10)
        with self.table(
            col_widths=(45, 129),
            width=174,
            align="LEFT",
            first_row_as_headings=False,
            borders_layout="NONE",
            line_height=5.5,
            padding=(0.6, 1, 0.6, 0),
        ) as table:
            for label, value in facts:
                if value:
                    row = table.row()
                    row.cell(self._text(label), style=FontFace(color=GREY))
                    row.cell(self._text(value))
        self.ln(4)

    def _addresses(self) -> None:
        order = self.order
        self._font(10)
        with self.table(
            col_widths=(87, 87),
            width=174,
            align="LEFT",
            borders_layout="NONE",
            line_height=5,
            headings_style=FontFace(emphasis="BOLD"),
            text_align="LEFT",
            padding=(0.6, 2, 0.6, 0),
        ) as table:
            heading = table.row()
            heading.cell(self._text(_("Shipping address")))
            heading.cell(self._text(_("Billing address")))
            row = table.row()
            row.cell(self._text(order.shipping_address or ""))
            row.cell(self._text(order.billing_address or order.shipping_address or ""))
        self.ln(5)

    def _lines(self) -> None:
        headings = (
            _("SKU"),
            _("Description"),
            _("Quantity"),
            _("Unit price"),
            _("Discount"),
            _("VAT"),
            _("Line total"),
        )
        right = ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT")
        self._font(8.5)
        with self.table(
            col_widths=(24, 52, 18, 22, 16, 14, 28),
            width=174,
            align="LEFT",
            borders_layout="HORIZONTAL_LINES",
            line_height=4.6,
            headings_style=FontFace(emphasis="BOLD", fill_color=(244, 245, 247)),
            repeat_headings=1,
            padding=(1, 1.2, 1, 1.2),
        ) as table:
            heading = table.row()
            for text, align in zip(headings, right, strict=True):
                heading.cell(self._text(text), align=align)
            for line in sorted(self.order.lines, key=lambda line: line.id or 0):
                row = table.row()
                cells = (
                    line.sku,
                    self._description(line),
                    format_decimal(line.quantity),
                    self._money(line.unit_price),
                    self._percent(line.discount_percent) if line.discount_percent else "",
                    self._percent(line.vat_rate),
                    self._money(line.line_total),
                )
                for text, align in zip(cells, right, strict=True):
                    row.cell(self._text(text), align=align)
        self.ln(3)

    def _description(self, line) -> str:
        parts = [line.description or ""]
        if line.line_reference:
            parts.append(_("Line reference: %(reference)s", reference=line.line_reference))
        if line.budget_code:
            parts.append(_("Budget code: %(code)s", code=line.budget_code))
        if line.library_relation_code:
            parts.append(_("Library: %(code)s", code=line.library_relation_code))
        if line.personalisation:
            parts.append(_("Personalisation: %(text)s", text=line.personalisation))
        return "\n".join(parts)

    def _totals(self) -> None:
        order = self.order
        goods = sum((line.line_total or Decimal(0) for line in order.lines), Decimal(0))
        rows = [(_("Articles"), self._money(goods), False)]
        if order.discount_total:
            rows.append((_("Discounts"), "-" + self._money(order.discount_total), False))
        rows += [
            (_("Shipping fee"), self._money(order.shipping_fee), False),
            (_("Total before VAT"), self._money(order.net_total), False),
            (_("VAT"), self._money(order.vat_total), False),
            (_("Total including VAT"), self._money(order.gross_total), True),
        ]
        self._font(10)
        with self.table(
            col_widths=(50, 34),
            width=84,
            align="RIGHT",
            first_row_as_headings=False,
            borders_layout="NONE",
            line_height=5.5,
            padding=(0.6, 1.2, 0.6, 1.2),
        ) as table:
            for label, amount, strong in rows:
                row = table.row()
                face = FontFace(emphasis="BOLD") if strong else FontFace(color=GREY)
                row.cell(self._text(label), style=face)
                row.cell(
                    self._text(amount),
                    align="RIGHT",
                    style=FontFace(emphasis="BOLD") if strong else None,
                )

    def _note(self) -> None:
        if not self.order.customer_note:
            return
        self.ln(5)
        self._font(10, bold=True)
        self.cell(0, 6, self._text(_("Customer's note")), new_x="LMARGIN", new_y="NEXT")
        self._font(10)
        self.multi_cell(0, 5, self._text(self.order.customer_note), new_x="LMARGIN")

    # --- formatting --------------------------------------------------------------------------

    def _font(self, size: float, bold: bool = False, colour=(31, 41, 51)) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)

    def _money(self, amount) -> str:
        return format_currency(Decimal(amount or 0), self.currency)

    def _percent(self, rate) -> str:
        return _("%(rate)s %%", rate=format_decimal(Decimal(rate or 0).normalize()))

    @staticmethod
    def _text(value) -> str:
        return str(value or "").translate(_SPACES)
