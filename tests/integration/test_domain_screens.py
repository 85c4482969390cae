"""What the domain's screens add to plain CRUD: the settings record, money in the user's
locale, spreadsheet exports, times of day, order numbers and totals, the customer's page."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import sqlalchemy as sa
from babel.numbers import format_currency
from openpyxl import load_workbook

from app.generated.models import (
    CustomerEvent,
    DeliveryRound,
    OrderLine,
    PortalSettings,
    SalesOrder,
)
from tests.conftest import csrf_token
from tests.integration.records import count, make_row, user

ONLY_ONE = "There is only one such record: edit it rather than adding or deleting one."


def _settings_form(**changes):
    return {
        "shop_name": "Lumière Diffusion",
        "skin": "classic",
        "default_language": "fr",
        "currency": "EUR",
        **changes,
    }


def test_settings_are_one_record_the_list_opens(client, auth, session):
    settings = make_row(session, "portal_settings", shop_name="Lumière Diffusion")
    session.commit()
    auth.login("admin")
    response = client.get("/portalsettingsview/list/")
    assert response.status_code == 302
    assert response.location.endswith(f"/portalsettingsview/show/{settings.id}")


def test_a_second_settings_record_is_refused_on_screen_and_in_the_api(client, auth, session):
    make_row(session, "portal_settings")
    session.commit()
    auth.login("admin")
    form = {**_settings_form(), "csrf_token": csrf_token(client, "/portalsettingsview/add")}
    response = client.post("/portalsettingsview/add", data=form, follow_redirects=True)
    assert ONLY_ONE in response.get_data(as_text=True)
    body = {"shop_name": "Second", "currency": "EUR"}
    answer = client.post("/api/v1/portal_settings/", json=body, headers=auth.jwt("admin"))
    assert answer.status_code == 422
    assert answer.json["message"] == {"_schema": [ONLY_ONE]}
    assert count(session, "portal_settings") == 1


def test_the_settings_record_cannot_be_deleted(client, auth, session):
    settings = make_row(session, "portal_settings")
    session.commit()
    auth.login("admin")
    token = csrf_token(client, f"/portalsettingsview/edit/{settings.id}")
    response = client.post(
        f"/portalsettingsview/delete/{settings.id}",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert ONLY_ONE in response.get_data(as_text=True)
    answer = client.delete(f"/api/v1/portal_settings/{settings.id}", headers=auth.jwt("admin"))
    assert answer.status_code == 422
    assert count(session, "portal_settings") == 1


def test_custom_skin_without_colours_is_refused_with_a_message(client, auth, session):
    settings = make_row(session, "portal_settings")
    session.commit()
    auth.login("admin")
    url = f"/portalsettingsview/edit/{settings.id}"
    form = {**_settings_form(skin="custom", primary_colour="#12345"), "csrf_token": ""}
    form["csrf_token"] = csrf_token(client, url)
    body = client.post(url, data=form).get_data(as_text=True)
    assert "Write a colour as # and six hexadecimal digits, such as #1F6FEB." in body
    assert "The custom skin needs both colours." in body
    session.expire_all()
    assert session.get(PortalSettings, settings.id).skin == "classic"


def test_money_is_shown_in_the_shops_currency_and_the_users_locale(client, auth, session):
    make_row(session, "customer", code="C-MONEY", credit_limit=Decimal("1234.5"))
    session.commit()
    auth.login("admin")
    english = client.get("/customerview/list/").get_data(as_text=True)
    assert "€1,234.50" in english
    client.post("/lang/fr", data={"csrf_token": csrf_token(client, "/customerview/list/")})
    french = client.get("/customerview/list/").get_data(as_text=True)
    assert format_currency(Decimal("1234.5"), "EUR", locale="fr") in french


def test_money_follows_the_currency_of_the_settings(client, auth, session):
    make_row(session, "customer", code="C-MONEY", credit_limit=Decimal("1234.5"))
    make_row(session, "portal_settings", currency="MXN")
    session.commit()
    auth.login("admin")
    assert "MX$1,234.50" in client.get("/customerview/list/").get_data(as_text=True)


def test_excel_export_keeps_numbers_as_numbers_and_formulas_as_text(client, auth, session):
    make_row(session, "customer", code="C-1", name="=1+2", credit_limit=Decimal("99.5"))
    session.commit()
    auth.login("admin")
    response = client.get("/customerview/export/?fmt=xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="customer.xlsx"'
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["Company name"].value == "=1+2" and row["Company name"].data_type == "s"
    assert row["Credit limit"].value == 99.5
    assert sheet.max_row == 2


def test_excel_export_follows_the_row_scope(client, auth, session):
    make_row(session, "customer", code="MINE", sales_rep=user(session, "rep1"))
    make_row(session, "customer", code="THEIRS", sales_rep=user(session, "rep2"))
    session.commit()
    auth.login("rep1")
    sheet = load_workbook(io.BytesIO(client.get("/customerview/export/?fmt=xlsx").data)).active
    assert [cell.value for cell in sheet["A"]][1:] == ["MINE"]


def test_cut_off_time_is_entered_as_hours_and_minutes(client, auth, session):
    auth.login("admin")
    form = {"name": "Lyon north", "monday": "y", "lead_days": "1", "zones": "69"}
    bad = {
        **form,
        "cut_off_time": "25:99",
        "csrf_token": csrf_token(client, "/deliveryroundview/add"),
    }
    assert client.post("/deliveryroundview/add", data=bad).status_code == 200
    assert count(session, "delivery_round") == 0
    good = {
        **form,
        "cut_off_time": "14:30",
        "csrf_token": csrf_token(client, "/deliveryroundview/add"),
    }
    assert client.post("/deliveryroundview/add", data=good).status_code == 302
    assert session.scalars(sa.select(DeliveryRound)).one().cut_off_time == dt.time(14, 30)


def test_a_round_without_weekday_is_refused(client, auth, session):
    auth.login("admin")
    form = {
        "name": "Nowhere",
        "lead_days": "1",
        "csrf_token": csrf_token(client, "/deliveryroundview/add"),
    }
    body = client.post("/deliveryroundview/add", data=form).get_data(as_text=True)
    assert "Choose at least one delivery weekday." in body
    assert count(session, "delivery_round") == 0


def test_orders_are_numbered_by_year_in_sequence(session):
    def placed(*day):
        return make_row(
            session, "sales_order", number=None, placed_at=dt.datetime(*day, tzinfo=dt.UTC)
        )

    first, second, other_year = placed(2027, 3, 1), placed(2027, 3, 2), placed(2028, 1, 2)
    session.commit()
    assert (first.number, second.number) == ("2027-000001", "2027-000002")
    assert other_year.number == "2028-000001"


def test_order_line_total_follows_quantity_price_and_discount(session):
    line = make_row(
        session,
        "order_line",
        quantity=3,
        unit_price=Decimal("9.99"),
        discount_percent=Decimal("5"),
    )
    session.commit()
    assert session.get(OrderLine, line.id).line_total == Decimal("28.47")
    line.quantity = 10
    session.commit()
    assert session.get(OrderLine, line.id).line_total == Decimal("94.91")


def test_customer_page_shows_its_contacts_addresses_orders_budgets_and_history(
    client, auth, session
):
    customer = make_row(session, "customer", name="Médiathèque de Lyon")
    make_row(session, "contact", first_name="Camille", last_name="Martin", customers=[customer])
    make_row(session, "address", customer=customer, city="Villeurbanne")
    order = make_row(session, "sales_order", customer=customer)
    make_row(session, "library_budget", customer=customer, code="2027-JEUNESSE")
    make_row(session, "library_relation", customer=customer, code="BM-LYON-01")
    make_row(session, "customer_event", customer=customer, subject="Called about the 2027 plan")
    make_row(session, "customer", name="Somebody else")
    session.commit()
    auth.login("admin")
    page = client.get(f"/customerview/show/{customer.id}").get_data(as_text=True)
    for shown in (
        "Camille",
        "Villeurbanne",
        session.get(SalesOrder, order.id).number,
        "2027-JEUNESSE",
        "BM-LYON-01",
        "Called about the 2027 plan",
    ):
        assert shown in page, shown


def test_a_history_entry_is_signed_by_the_staff_member_who_writes_it(client, auth, session):
    customer = make_row(session, "customer", sales_rep=user(session, "rep1"))
    session.commit()
    auth.login("rep1")
    form = {
        "customer": str(customer.id),
        "kind": "comment",
        "subject": "Visited the library",
        "csrf_token": csrf_token(client, "/customereventview/add"),
    }
    assert client.post("/customereventview/add", data=form).status_code == 302
    body = {"customer": customer.id, "kind": "comment", "subject": "Called back"}
    answer = client.post("/api/v1/customer_event/", json=body, headers=auth.jwt("rep1"))
    assert answer.status_code == 201
    authors = session.scalars(sa.select(CustomerEvent.author_id)).all()
    assert authors == [user(session, "rep1").id] * 2
