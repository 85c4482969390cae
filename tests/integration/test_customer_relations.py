"""The customer record's timeline, emails to a customer, the documents space, support requests."""

from __future__ import annotations

import datetime
import io
import os

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User

from app.extensions import db
from app.generated.models import CustomerEvent, CustomerGroup, Document, SupportRequest
from tests.portal import (
    make_contact,
    make_customer,
    portal_login,
    post_form,
    read,
    shop_settings,
    text,
)

PDF = b"%PDF-1.4 delivery conditions\n%%EOF\n"


def _user_id(app, username: str) -> int:
    return read(
        app, lambda: db.session.scalars(sa.select(User.id).where(User.username == username)).one()
    )


def _events(app, customer) -> list[tuple[str, str]]:
    """(kind, subject) of the customer's events, oldest first."""
    return read(
        app,
        lambda: [
            (e.kind, e.subject)
            for e in db.session.scalars(
                sa.select(CustomerEvent)
                .where(CustomerEvent.customer_id == customer.id)
                .order_by(CustomerEvent.id)
            )
        ],
    )


def _uploaded_files(app) -> set[str]:
    folder = app.config["UPLOAD_FOLDER"]
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


def _timeline_of(response) -> str:
    """The timeline's part of the customer record (its related lists show events too)."""
    return text(response).split('id="timeline"', 1)[1]


def _record(customer) -> str:
    return f"/customerview/show/{customer.id}"


def _comment(client, customer, text_: str = "", file=None):
    data = {"text": text_}
    if file is not None:
        data["attachment"] = file
    return post_form(client, _record(customer), data, f"/customerview/comment/{customer.id}")


# ------------------------------------------------------------------------------ the timeline


def test_timeline_shows_system_events_emails_comments_and_attachments_newest_first(
    app, client, auth, sent_mail
):
    shop_settings(app)
    customer = make_customer(app, "TL1", name="Timeline Books", email="office@timeline.example")
    auth.login("admin")
    response = post_form(
        client,
        f"/customerview/invite/{customer.id}",
        {"email": "buyer@timeline.example", "first_name": "Ada", "company_role": "buyer"},
    )
    assert response.status_code == 302
    _comment(client, customer, "Called about the autumn catalogue.\nWants samples.")
    _comment(client, customer, "Signed terms", (io.BytesIO(PDF), "terms.pdf"))
    page = text(client.get(_record(customer)))
    positions = [
        page.index("terms.pdf"),
        page.index("Called about the autumn catalogue."),
        page.index("Your access to the Papeterie Test portal"),
        page.index("invited to the portal (buyer@timeline.example)"),
    ]
    assert positions == sorted(positions)
    kinds = [kind for kind, _subject in _events(app, customer)]
    assert kinds == ["invited", "email", "comment", "attachment"]
    # The account mail is noted without its text: it carries the activation link.
    body = read(
        app,
        lambda: db.session.scalars(
            sa.select(CustomerEvent.body).where(CustomerEvent.kind == "email")
        ).one(),
    )
    assert body == "To: buyer@timeline.example"


def test_timeline_shows_the_latest_entries_and_more_on_request(app, client, auth):
    customer = make_customer(app, "TL2")
    with app.app_context():
        start = datetime.datetime(2026, 1, 1, 9, 0)
        for number in range(25):
            db.session.add(
                CustomerEvent(
                    customer_id=customer.id,
                    kind="comment",
                    subject=f"Note number {number:02d}",
                    occurred_at=start + datetime.timedelta(hours=number),
                )
            )
        db.session.commit()
    auth.login("admin")
    page = _timeline_of(client.get(_record(customer)))
    assert "Note number 24" in page and "Note number 05" in page
    assert "Note number 04" not in page
    assert page.index("Note number 24") < page.index("Note number 05")
    more = _timeline_of(client.get(_record(customer) + "?shown=40"))
    assert "Note number 00" in more and "Show more" not in more


def test_attachment_of_a_forbidden_type_is_refused_and_nothing_is_saved(app, client, auth):
    customer = make_customer(app, "TL3")
    auth.login("admin")
    before = _uploaded_files(app)
    response = _comment(
        client, customer, "see file", (io.BytesIO(b"MZ\x90\x00program"), "tool.exe")
    )
    page = text(client.get(response.location))
    assert "tool.exe is refused: files of this type are not accepted" in page
    # A program renamed to .pdf is refused by its content.
    response = _comment(client, customer, "", (io.BytesIO(b"MZ\x90\x00program"), "invoice.pdf"))
    page = text(client.get(response.location))
    assert "invoice.pdf is refused: its content is not a PDF file" in page
    assert _events(app, customer) == []
    assert _uploaded_files(app) == before


def test_attachment_too_large_is_refused_and_nothing_is_saved(app, client, auth):
    customer = make_customer(app, "TL4")
    auth.login("admin")
    before = _uploaded_files(app)
    saved = app.config["ATTACHMENT_MAX_BYTES"]
    app.config["ATTACHMENT_MAX_BYTES"] = 1024
    try:
        big = PDF + b"0" * 2048
        response = _comment(client, customer, "", (io.BytesIO(big), "catalogue.pdf"))
    finally:
        app.config["ATTACHMENT_MAX_BYTES"] = saved
    page = text(client.get(response.location))
    assert "catalogue.pdf is refused: it is 0.0 MB, larger than the 0.0 MB allowed." in page
    assert _events(app, customer) == []
    assert _uploaded_files(app) == before


def test_attachment_is_downloaded_by_who_may_see_the_customer(app, client, auth):
    rep1 = _user_id(app, "rep1")
    customer = make_customer(app, "TL5", sales_rep_id=rep1)
    auth.login("rep1")
    _comment(client, customer, "", (io.BytesIO(PDF), "terms.pdf"))
    event = read(
        app,
        lambda: db.session.scalars(
            sa.select(CustomerEvent).where(CustomerEvent.customer_id == customer.id)
        ).one(),
    )
    event_id, stored = event.id, event.attachment
    response = client.get(f"/customerview/attachment/{customer.id}/{event_id}")
    assert response.status_code == 200 and response.data == PDF
    assert "terms.pdf" in response.headers["Content-Disposition"]
    assert client.get(f"/customereventview/download/{stored}").data == PDF
    auth.logout()
    auth.login("rep2")
    assert client.get(f"/customerview/attachment/{customer.id}/{event_id}").status_code == 404
    # Flask-AppBuilder's own download route is row-scoped too.
    assert client.get(f"/customereventview/download/{stored}").status_code == 404
    assert client.get(f"/customerview/download/{stored}").status_code == 404


def test_sales_rep_cannot_see_or_write_on_another_reps_customer(app, client, auth, sent_mail):
    rep2 = _user_id(app, "rep2")
    theirs = make_customer(app, "TL6", sales_rep_id=rep2, email="theirs@shop.example")
    with app.app_context():
        db.session.add(
            CustomerEvent(
                customer_id=theirs.id,
                kind="comment",
                subject="Private negotiation",
                occurred_at=datetime.datetime.now(),
            )
        )
        db.session.commit()
    auth.login("rep1")
    assert "Private negotiation" not in text(client.get(_record(theirs)))
    own = make_customer(app, "TL7", sales_rep_id=_user_id(app, "rep1"))
    token_page = _record(own)
    for url, data in (
        (f"/customerview/comment/{theirs.id}", {"text": "Sneaky"}),
        (
            f"/customerview/email/{theirs.id}",
            {"recipients": "theirs@shop.example", "subject": "Hi", "message": "<p>Hi</p>"},
        ),
    ):
        response = post_form(client, token_page, data, url)
        assert response.status_code == 404
    assert client.get(f"/customerview/email/{theirs.id}").status_code == 404
    assert [s for _k, s in _events(app, theirs)] == ["Private negotiation"]
    assert sent_mail.to("theirs@shop.example") == []


def test_the_order_desk_reads_no_timeline_and_cannot_email(app, client, auth):
    customer = make_customer(app, "TL8", email="desk@shop.example")
    auth.login("desk")
    page = text(client.get(_record(customer)))
    assert 'id="timeline"' not in page
    assert client.get(f"/customerview/email/{customer.id}").status_code in (302, 403)


# ------------------------------------------------------------------------------ emails


def test_email_to_a_contact_arrives_sanitised_with_its_attachment_and_is_on_the_timeline(
    app, client, auth, sent_mail
):
    shop_settings(app)
    rep1 = _user_id(app, "rep1")
    customer = make_customer(app, "EM1", email="main@em1.example", sales_rep_id=rep1)
    make_contact(app, customer, "jane.doe@em1.example")
    auth.login("rep1")
    form = f"/customerview/email/{customer.id}"
    assert "jane.doe@em1.example" in text(client.get(form))
    response = post_form(
        client,
        form,
        {
            "recipients": ["jane.doe@em1.example"],
            "subject": "Autumn terms",
            "message": '<p>Hello <strong>Jane</strong></p><script>alert("x")</script>'
            '<p><a href="javascript:steal()" onclick="steal()">terms</a></p>',
            "attachments": [(io.BytesIO(PDF), "terms.pdf")],
        },
    )
    assert response.status_code == 302
    [message] = sent_mail.to("jane.doe@em1.example")
    assert sent_mail.to("main@em1.example") == []
    assert str(message["Subject"]) == "Autumn terms"
    html = sent_mail.html_of(message)
    assert "<strong>Jane</strong>" in html
    assert "<script" not in html and "alert" not in html
    assert "javascript:" not in html and "onclick" not in html
    assert "Hello Jane" in sent_mail.text_of(message)
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "terms.pdf"
    assert attached.get_content() == PDF
    events = _events(app, customer)
    assert ("email", "Autumn terms") in events
    assert ("attachment", "terms.pdf") in events
    page = text(client.get(_record(customer)))
    assert "To: jane.doe@em1.example" in page


def test_email_without_recipient_or_message_is_refused_and_nothing_is_sent(
    app, client, auth, sent_mail
):
    customer = make_customer(app, "EM2", email="main@em2.example")
    auth.login("admin")
    form = f"/customerview/email/{customer.id}"
    page = text(post_form(client, form, {"subject": "Hello", "message": "<script>x</script>"}))
    assert "Choose at least one recipient." in page
    page = text(
        post_form(
            client,
            form,
            {
                "recipients": ["main@em2.example"],
                "subject": "Hello",
                "message": "<script>x</script>",
            },
        )
    )
    assert "Write a message." in page
    page = text(
        post_form(
            client,
            form,
            {
                "recipients": ["main@em2.example"],
                "subject": "Hello",
                "message": "<p>Hi</p>",
                "attachments": [(io.BytesIO(b"#!/bin/sh"), "run.sh")],
            },
        )
    )
    assert "run.sh is refused" in page
    page = text(
        post_form(
            client,
            form,
            {"recipients": ["stranger@elsewhere.example"], "subject": "Hi", "message": "<p>x</p>"},
        )
    )
    assert "not a valid choice" in page
    assert sent_mail.messages == []
    assert _events(app, customer) == []


# ------------------------------------------------------------------------------ documents


def _group(app, name: str) -> CustomerGroup:
    with app.app_context():
        group = CustomerGroup(name=name)
        db.session.add(group)
        db.session.commit()
        return read(app, lambda: db.session.get(CustomerGroup, group.id))


def _document(app, title: str, content: bytes = PDF, **audience) -> int:
    stored = f"test-{title.replace(' ', '-')}_sep_{title.replace(' ', '-')}.pdf"
    folder = app.config["UPLOAD_FOLDER"]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, stored), "wb") as target:
        target.write(content)
    with app.app_context():
        document = Document(title=title, file=stored, **audience)
        db.session.add(document)
        db.session.commit()
        return document.id


def test_a_contact_cannot_download_another_companys_document(app, client):
    mine = make_customer(app, "DOC1")
    other = make_customer(app, "DOC2")
    make_contact(app, mine, "reader@doc1.example")
    for_all = _document(app, "Price conditions", audience="everyone")
    for_me = _document(
        app, "Our contract", b"%PDF-1.4 mine", audience="customer", customer_id=mine.id
    )
    for_other = _document(app, "Their contract", audience="customer", customer_id=other.id)
    portal_login(client, "reader@doc1.example")
    page = text(client.get("/portal/documents/"))
    assert "Price conditions" in page and "Our contract" in page
    assert "Their contract" not in page
    assert client.get(f"/portal/documents/{for_all}").status_code == 200
    response = client.get(f"/portal/documents/{for_me}")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 mine"
    assert client.get(f"/portal/documents/{for_other}").status_code == 404
    assert client.get("/portal/documents/999999").status_code == 404


def test_group_documents_are_visible_to_the_groups_customers_only(app, client):
    schools = _group(app, "Schools")
    shops = _group(app, "Shops")
    school = make_customer(app, "GRP1", group_id=schools.id)
    shop = make_customer(app, "GRP2", group_id=shops.id)
    make_contact(app, school, "teacher@school.example")
    make_contact(app, shop, "owner@shop.example")
    circular = _document(app, "School year circular", audience="group", group_id=schools.id)
    portal_login(client, "teacher@school.example")
    assert "School year circular" in text(client.get("/portal/documents/"))
    assert client.get(f"/portal/documents/{circular}").status_code == 200
    other = app.test_client()
    portal_login(other, "owner@shop.example")
    assert "School year circular" not in text(other.get("/portal/documents/"))
    assert other.get(f"/portal/documents/{circular}").status_code == 404


def test_document_title_is_shown_in_the_contacts_language(app, client):
    customer = make_customer(app, "DOC3")
    make_contact(app, customer, "lecteur@doc3.example")
    document_id = _document(app, "Price conditions", audience="everyone")
    with app.app_context():
        db.session.get(Document, document_id).title_fr = "Conditions tarifaires"
        db.session.commit()
    portal_login(client, "lecteur@doc3.example")
    with client.session_transaction() as session:
        session["locale"] = "fr"
    assert "Conditions tarifaires" in text(client.get("/portal/documents/"))


def test_the_back_office_refuses_a_document_whose_content_is_not_its_type(app, client, auth):
    auth.login("admin")
    before = _uploaded_files(app)
    response = post_form(
        client,
        "/documentview/add",
        {
            "title": "Conditions",
            "audience": "everyone",
            "file": (io.BytesIO(b"MZ\x90\x00program"), "conditions.pdf"),
        },
    )
    assert "conditions.pdf is refused: its content is not a PDF file" in text(response)
    assert read(app, lambda: db.session.scalar(sa.select(sa.func.count(Document.id)))) == 0
    assert _uploaded_files(app) == before


# ------------------------------------------------------------------------------ support


def test_support_request_lands_on_the_timeline_and_notifies_staff_and_the_sales_rep(
    app, client, sent_mail
):
    shop_settings(app, staff_email="staff@seller.example")
    rep1 = _user_id(app, "rep1")
    customer = make_customer(app, "SUP1", name="Support Books", sales_rep_id=rep1)
    make_contact(app, customer, "ask@sup1.example")
    portal_login(client, "ask@sup1.example")
    response = post_form(
        client,
        "/portal/support/",
        {"subject": "Missing parcel", "message": "Order 12 arrived without its second box."},
    )
    assert response.status_code == 302
    assert read(app, lambda: db.session.scalar(sa.select(sa.func.count(SupportRequest.id)))) == 1
    events = _events(app, customer)
    assert [kind for kind, _s in events] == ["support_request"]
    assert "Missing parcel" in events[0][1]
    for address in ("staff@seller.example", "rep1@example.com"):
        [mail] = sent_mail.to(address)
        assert "Missing parcel" in str(mail["Subject"])
        assert "second box" in sent_mail.text_of(mail)
    page = text(client.get("/portal/support/"))
    assert "Missing parcel" in page and "Open" in page


def test_support_request_without_subject_is_refused_with_a_message(app, client, sent_mail):
    customer = make_customer(app, "SUP2")
    make_contact(app, customer, "ask@sup2.example")
    portal_login(client, "ask@sup2.example")
    response = post_form(client, "/portal/support/", {"subject": "", "message": "Hello"})
    assert "Say in a few words what your request is about." in text(response)
    assert read(app, lambda: db.session.scalar(sa.select(sa.func.count(SupportRequest.id)))) == 0
    assert _events(app, customer) == []
    assert sent_mail.messages == []


def test_customer_record_without_events_says_so(app, client, auth):
    customer = make_customer(app, "TL9")
    auth.login("admin")
    assert "Nothing has happened with this customer yet." in text(client.get(_record(customer)))
