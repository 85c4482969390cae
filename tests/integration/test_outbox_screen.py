"""The outbox screen (app/backoffice/outbox.py): failed entries at a glance, with their last
error, and a Retry that sends them again; administrators only, and only for failed entries.

Through the test client as the users of tests/conftest.py, with CSRF; mail to a real SMTP server
on loopback. In-process mode (no Redis) always; with TEST_REDIS_URL, RQ mode too.
"""

from __future__ import annotations

import datetime

import pytest

from app.extensions import db
from app.generated.models import OutboxEntry
from app.jobs.mail import SEND_MAIL
from tests.conftest import csrf_token
from tests.integration.outbox_helpers import (
    REDIS_URL,
    entries,
    needs_redis,
    statuses,
    work,
)

BASE = "/outboxentryview"
ERROR = "SMTPRecipientsRefused: {'late@example.com': (450, b'4.2.0 Mailbox busy')}"


def add_entry(app, subject: str, status: str = "failed", **values) -> int:
    """An entry as the outbox leaves it, written directly; its id."""
    values = {"attempts": 10, "last_error": ERROR, **values} if status == "failed" else values
    with app.app_context():
        entry = OutboxEntry(
            job=SEND_MAIL,
            arguments={"args": [["late@example.com"], subject, "Hello."], "kwargs": {}},
            status=status,
            **values,
        )
        db.session.add(entry)
        db.session.commit()
        return entry.id


def retry(client, *ids: int, token: str | None = None):
    """The list's Retry action on the selected entries, as the browser posts it."""
    token = token if token is not None else csrf_token(client, f"{BASE}/list/")
    return client.post(
        f"{BASE}/action_post",
        data={"action": "retry", "rowid": [str(i) for i in ids], "csrf_token": token},
    )


def test_failed_entries_stand_out_in_the_list_with_their_last_error(app, client, auth):
    failed = add_entry(app, "Failed one")
    sent = add_entry(
        app, "Sent one", status="sent", attempts=1, sent_at=datetime.datetime.now(datetime.UTC)
    )
    auth.login("admin")
    page = client.get(f"{BASE}/list/").get_data(as_text=True)
    assert "1 entry failed for good and waits for a retry." in page
    assert '<span class="label label-danger">Failed</span>' in page
    assert "SMTPRecipientsRefused" in page and "Mailbox busy" in page

    only_failed = client.get(f"{BASE}/list/?_flt_0_status=failed").get_data(as_text=True)
    assert f"{BASE}/show/{failed}" in only_failed
    assert f"{BASE}/show/{sent}" not in only_failed

    record = client.get(f"{BASE}/show/{failed}").get_data(as_text=True)
    assert "Mailbox busy" in record
    assert f"{BASE}/action/retry/{failed}" in record


def test_a_long_error_is_shortened_in_the_list_and_whole_on_the_record(app, client, auth):
    error = "SMTPDataError: " + "x" * 300 + " the end"
    pk = add_entry(app, "Long error", last_error=error)
    auth.login("admin")
    assert "the end" not in client.get(f"{BASE}/list/").get_data(as_text=True)
    assert "the end" in client.get(f"{BASE}/show/{pk}").get_data(as_text=True)


def test_export_gives_the_status_as_plain_text(app, client, auth):
    add_entry(app, "Failed one")
    auth.login("admin")
    body = client.get(f"{BASE}/export/").get_data(as_text=True)
    assert ",Failed," in body and "label-danger" not in body


def test_admin_retries_a_failed_entry_and_it_goes_out(app, client, auth, smtp):
    pk = add_entry(app, "Sent at last")
    other = add_entry(app, "Also failed")
    auth.login("admin")
    response = retry(client, pk)
    assert response.status_code == 302
    assert smtp.subjects() == ["Sent at last"]
    assert statuses(app) == [("sent", 1), ("failed", 10)]
    assert entries(app)[1].id == other
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 entry retried." in page


def test_retry_from_the_record_sends_that_entry(app, client, auth, smtp):
    pk = add_entry(app, "From the record")
    auth.login("admin")
    token = csrf_token(client, f"{BASE}/show/{pk}")
    response = client.post(f"{BASE}/action/retry/{pk}", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{BASE}/show/{pk}")
    assert smtp.subjects() == ["From the record"]
    assert statuses(app) == [("sent", 1)]


def test_a_retried_entry_failing_again_starts_its_attempts_afresh(app, client, auth, smtp):
    pk = add_entry(app, "Still refused")
    smtp.refusal = "451 4.3.0 Try again later"
    auth.login("admin")
    retry(client, pk)
    [entry] = entries(app)
    assert (entry.status, entry.attempts) == ("pending", 1)
    assert "451" in entry.last_error
    assert smtp.subjects() == []


@pytest.mark.parametrize("status", ["pending", "handed_over", "sent"])
def test_retrying_an_entry_that_has_not_failed_is_refused(app, client, auth, smtp, status):
    failed = add_entry(app, "Failed")
    other = add_entry(app, "Not failed", status=status, attempts=1)
    auth.login("admin")
    response = retry(client, failed, other)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    label = {"pending": "waiting", "handed_over": "handed over", "sent": "sent"}[status]
    assert f"Entry {other} was not retried: only failed entries can be, and it is {label}." in page
    assert smtp.subjects() == [], "nothing changed, not even the failed one"
    assert statuses(app) == [("failed", 10), (status, 1)]


def test_retry_without_the_forms_token_changes_nothing(app, client, auth, smtp):
    pk = add_entry(app, "Forged")
    auth.login("admin")
    assert retry(client, pk, token="forged").status_code == 400
    assert statuses(app) == [("failed", 10)]
    assert smtp.subjects() == []


@pytest.mark.parametrize("username", ["desk", "rep1", "catalogue"])
def test_staff_other_than_administrators_cannot_retry(app, client, auth, smtp, username):
    pk = add_entry(app, "Not yours to retry")
    auth.login(username)
    assert client.get(f"{BASE}/list/").status_code == 403
    token = csrf_token(client, "/portal/login")  # any page's token: the session's
    response = retry(client, pk, token=token)
    assert response.status_code in (302, 403)
    assert client.get(f"/outboxentryview/action/retry/{pk}").status_code in (302, 403)
    assert statuses(app) == [("failed", 10)]
    assert smtp.subjects() == []


def test_a_visitor_who_is_not_logged_in_cannot_retry(app, client, smtp):
    pk = add_entry(app, "Anonymous")
    token = csrf_token(client, "/login/")
    retry(client, pk, token=token)
    assert statuses(app) == [("failed", 10)]
    assert smtp.subjects() == []


@pytest.mark.redis
@needs_redis
def test_with_redis_a_retried_entry_goes_to_the_worker(app, client, auth, smtp, with_redis):
    with_redis(REDIS_URL)
    pk = add_entry(app, "Through the worker")
    auth.login("admin")
    retry(client, pk)
    assert statuses(app) == [("handed_over", 0)]
    assert work(app) == 1
    assert smtp.subjects() == ["Through the worker"]
    assert statuses(app) == [("sent", 1)]


def test_retry_with_nothing_selected_says_so(app, client, auth, smtp):
    add_entry(app, "Not selected")
    auth.login("admin")
    response = retry(client)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Select at least one entry to retry." in page
    assert statuses(app) == [("failed", 10)]
