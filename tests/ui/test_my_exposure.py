"""My exposure: the employee's own posts, consent before a fetch, sharing and deleting."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from app.i18n import t
from app.ui.employee_state import EXPOSURE_JOB

from .conftest import EMPLOYEE_PASSWORD

EMAIL = "piet@noordchem.example"


@pytest.fixture
def employee(make_user):
    return make_user(EMAIL, "employee")


def my_exposure(new_session):
    return new_session().sign_in(EMAIL, EMPLOYEE_PASSWORD).open("my_exposure.py")


def finish_job(session, timeout: float = 90):
    """Let the background job end, then rerun the page as its progress fragment would."""
    if EXPOSURE_JOB not in session.at.session_state:
        return session  # it ended within the run that started it
    job = session.at.session_state[EXPOSURE_JOB]
    job.wait(timeout)
    assert not job.running
    return session.run()


def scan_sample(session):
    session.click(t("employee.source.sample_button", "nl"))
    return finish_job(session)


def test_sample_persona_scan_shows_dossier_riskiest_and_is_saved(
    new_session, app_storage, employee
):
    session = scan_sample(my_exposure(new_session))

    scan = app_storage.load_my_scan(employee)
    assert scan is not None and len(scan.posts) == len(scan.results) == 45
    assert session.shows(t("employee.awareness", "nl"))
    assert session.shows(t("employee.job.done", "nl", count=45))
    # The dossier: items with the posts that reveal them.
    expanders = [e.label for e in session.at.main.expander]
    assert any("Noordchem" in label for label in expanders)
    marked = "\n".join(e.value for e in session.at.main.get("html"))
    assert 'data-label="SCHEDULE"' in marked
    # Riskiest posts come with a safer version.
    assert len(session.at.main.code) >= 1


# -- a Mastodon server on 127.0.0.1 ---------------------------------------------------


class FakeMastodon:
    """Just enough of the Mastodon API: account lookup and pages of public statuses."""

    def __init__(self, pages: int = 3, per_page: int = 20, delay: float = 0.0) -> None:
        self.pages, self.per_page, self.delay = pages, per_page, delay
        self.requests: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                fake.requests.append(self.path)
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                if parts.path == "/api/v1/accounts/lookup":
                    body = {"id": "7", "acct": "piet", "statuses_count": fake.pages * fake.per_page}
                    return self.reply(body)
                if parts.path == "/api/v1/accounts/7/statuses":
                    time.sleep(fake.delay)
                    page = int(query.get("max_id", ["0"])[0])
                    link = None
                    if page + 1 < fake.pages:
                        link = (
                            f'<{fake.url}/api/v1/accounts/7/statuses?max_id={page + 1}>; rel="next"'
                        )
                    return self.reply(fake.statuses(page), link)
                self.send_error(404)

            def reply(self, body, link: str | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if link:
                    self.send_header("Link", link)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def statuses(self, page: int) -> list[dict]:
        return [
            {
                "id": str(page * 1000 + i),
                "uri": f"{self.url}/users/piet/statuses/{page * 1000 + i}",
                "url": f"{self.url}/@piet/{page * 1000 + i}",
                "created_at": f"2024-03-{1 + i % 28:02d}T{(i * 5) % 24:02d}:15:00.000Z",
                "language": "nl",
                "content": f"<p>Nachtdienst bij Noordchem, poort {i} is weer open &lt;b&gt;</p>",
            }
            for i in range(self.per_page)
        ]


@pytest.fixture
def mastodon(monkeypatch):
    def start(**options) -> FakeMastodon:
        fake = FakeMastodon(**options)
        fake.thread.start()
        monkeypatch.setenv("EXPOSURE_FETCH_ALLOW", f"127.0.0.1:{fake.server.server_port}")
        started.append(fake)
        return fake

    started: list[FakeMastodon] = []
    yield start
    for fake in started:
        fake.server.shutdown()
        fake.server.server_close()


def fill_account(session, fake: FakeMastodon):
    session.at.radio(key="employee.source.kind").set_value("account")
    session.run()
    session.fill("employee.fetch.instance", fake.url)
    session.fill("employee.fetch.account", "@piet")
    return session.run()


def fetch_button(session):
    return session.at.button(key="employee.fetch.go")


def test_no_fetch_without_confirming_the_account_and_agreeing(
    new_session, app_storage, employee, mastodon
):
    fake = mastodon()
    session = fill_account(my_exposure(new_session), fake)
    assert fetch_button(session).disabled
    session.at.checkbox(key="employee.fetch.own").check()
    session.run()
    assert fetch_button(session).disabled  # agreeing to the consent text is still missing
    assert fake.requests == []
    assert app_storage.latest_consent(employee, "fetch_own_posts") is None

    session.at.checkbox(key="employee.fetch.agree").check()
    session.run()
    assert not fetch_button(session).disabled
    fetch_button(session).click()
    session.run()
    finish_job(session)

    consent = app_storage.latest_consent(employee, "fetch_own_posts")
    assert consent is not None and consent.given and consent.text_version == "1/nl"
    assert any(path.startswith("/api/v1/accounts/7/statuses") for path in fake.requests)
    scan = app_storage.load_my_scan(employee)
    assert scan is not None and scan.source.startswith("mastodon:") and len(scan.posts) == 60
    # Markup in a fetched post is shown as text.
    marked = "\n".join(e.value for e in session.at.main.get("html"))
    assert "&lt;b&gt;" in marked and "<b>" not in marked


def test_a_withdrawn_consent_stops_the_fetch_before_anything_is_sent(
    new_session, app_storage, employee, mastodon
):
    from app.ui.employee_jobs import ConsentMissing, account_loader

    fake = mastodon()
    app_storage.record_consent(employee, "fetch_own_posts", "1/nl", True)
    app_storage.record_consent(employee, "fetch_own_posts", "1/nl", False)
    load = account_loader(
        app_storage, employee, "mastodon", instance=fake.url, account="piet", limit=20
    )
    with pytest.raises(ConsentMissing):
        load(lambda done, total: None, lambda: False)
    assert fake.requests == []


def test_a_long_fetch_shows_progress_and_can_be_stopped(
    new_session, app_storage, employee, mastodon
):
    fake = mastodon(pages=40, per_page=5, delay=0.3)
    session = fill_account(my_exposure(new_session), fake)
    session.at.checkbox(key="employee.fetch.own").check()
    session.at.checkbox(key="employee.fetch.agree").check()
    session.run()
    fetch_button(session).click()
    session.run()

    deadline = time.monotonic() + 30
    while not any(p.startswith("/api/v1/accounts/7/statuses") for p in fake.requests):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    session.run()
    assert len(session.at.main.get("progress")) == 1
    session.at.button(key="employee.job.cancel").click()
    session.run()
    finish_job(session)

    assert session.shows(t("employee.job.cancelled", "nl"))
    assert len([p for p in fake.requests if "/statuses" in p]) < 40
    assert app_storage.load_my_scan(employee) is None


# -- sharing with HR ------------------------------------------------------------------


def test_sharing_is_off_by_default_shows_exactly_what_is_shared_and_withdrawal_deletes(
    new_session, app_storage, employee
):
    from app.ui.employee_records import results_from_records
    from app.ui.employee_summary import label_counts

    session = scan_sample(my_exposure(new_session))
    toggle = session.at.toggle(key="employee.share.toggle")
    assert toggle.value is False
    assert app_storage.my_shared_counts(employee) is None
    assert len(session.at.main.table) == 0  # nothing is laid out for sharing yet

    toggle.set_value(True)
    session.run()
    expected = label_counts(results_from_records(app_storage.load_my_scan(employee).results))
    table = session.at.main.table[0].value
    assert list(table.iloc[:, 1]) == list(expected.values())
    assert session.shows("Productie")  # the department is shown, as it is shared too
    assert session.at.button(key="employee.share.submit").disabled

    session.at.checkbox(key="employee.share.agree").check()
    session.run()
    session.at.button(key="employee.share.submit").click()
    session.run()
    shared = app_storage.my_shared_counts(employee)
    assert shared is not None and shared.counts == expected and shared.department == "Productie"
    consent = app_storage.latest_consent(employee, "share_counts_with_hr")
    assert consent.given and consent.text_version == "1/nl"

    session.at.button(key="employee.share.withdraw").click()
    session.run()
    assert app_storage.my_shared_counts(employee) is None
    withdrawn = app_storage.latest_consent(employee, "share_counts_with_hr")
    assert not withdrawn.given and withdrawn.text_version == "1/nl"
    assert session.at.toggle(key="employee.share.toggle").value is False


# -- deleting and retention -------------------------------------------------------------


def test_delete_my_data_removes_scan_self_checks_and_shared_counts_after_confirming(
    new_session, app_storage, employee
):
    session = scan_sample(my_exposure(new_session))
    app_storage.save_self_check(employee, "Nachtdienst bij poort 3", {"risk": "medium"})
    app_storage.record_consent(employee, "share_counts_with_hr", "1/nl", True)
    app_storage.share_counts(employee, "Productie", {"SITE": 3})

    session.at.button(key="employee.delete").click()
    session.run()
    assert app_storage.load_my_scan(employee) is not None  # nothing happens before confirming
    session.at.button(key="employee.delete.cancel").click()
    session.run()
    assert app_storage.load_my_scan(employee) is not None

    session.at.button(key="employee.delete").click()
    session.run()
    session.at.button(key="employee.delete.confirm").click()
    session.run()
    assert app_storage.load_my_scan(employee) is None
    assert app_storage.list_self_checks(employee) == []
    assert app_storage.my_shared_counts(employee) is None
    assert session.shows(t("employee.delete.done", "nl", posts=45, checks=1, shared=1))
    assert not session.at.main.get("html")  # no post is shown any more


def test_a_scan_past_the_retention_period_is_deleted_when_the_page_opens(
    new_session, app_storage, employee
):
    from datetime import UTC, datetime, timedelta

    app_storage.set_setting("retention_days", 7)
    old = datetime.now(UTC) - timedelta(days=8)
    app_storage.save_my_scan(
        employee, "sample:Dennis", [{"id": "1", "text": "x"}], [{}], {}, now=old
    )
    assert app_storage.load_my_scan(employee, now=old + timedelta(days=1)) is not None

    session = my_exposure(new_session)
    assert app_storage.load_my_scan(employee, now=old + timedelta(days=1)) is None
    assert session.shows(t("employee.exposure.nothing_yet", "nl", days=7))


# -- an uploaded export ---------------------------------------------------------------------


def test_an_uploaded_file_is_scanned_and_markup_in_it_stays_text(
    new_session, app_storage, employee
):
    rows = [
        "id,text,created_at",
        '1,"<img src=x onerror=alert(1)> Morgen nachtdienst bij poort 3",2024-03-04T22:10:00Z',
        '2,"Lekker weer vandaag",2024-03-05T12:00:00Z',
    ]
    session = my_exposure(new_session)
    session.at.radio(key="employee.source.kind").set_value("export")
    session.run()
    session.at.file_uploader(key="employee.source.export_file").set_value(
        ("posts.csv", "\n".join(rows).encode(), "text/csv")
    )
    session.run()
    session.at.button(key="employee.source.export_go").click()
    session.run()
    finish_job(session)

    scan = app_storage.load_my_scan(employee)
    assert scan is not None and len(scan.posts) == 2 and scan.source == "export:posts.csv"
    marked = "\n".join(e.value for e in session.at.main.get("html"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in marked and "<img" not in marked
    for label in [e.label for e in session.at.main.expander] + [
        m.value for m in session.at.markdown
    ]:
        assert "<img" not in label


def test_a_file_that_holds_no_posts_gets_a_clear_message(new_session, app_storage, employee):
    session = my_exposure(new_session)
    session.at.radio(key="employee.source.kind").set_value("export")
    session.run()
    session.at.file_uploader(key="employee.source.export_file").set_value(
        ("leeg.csv", b"id,text\n", "text/csv")
    )
    session.run()
    session.at.button(key="employee.source.export_go").click()
    session.run()
    finish_job(session)
    assert len(session.at.main.error) == 1 and session.shows("leeg.csv")
    assert app_storage.load_my_scan(employee) is None


def test_only_signed_in_people_can_open_my_exposure(new_session, employee):
    with pytest.raises(ValueError):
        new_session().open("my_exposure.py")


def test_the_saved_scan_makes_a_report_for_the_employee(new_session, app_storage, employee):
    from app.ui.employee_exposure import LoadedScan
    from exposure.report import exposure_report_pdf

    session = scan_sample(my_exposure(new_session))
    assert len(session.at.main.get("download_button")) == 1
    loaded = LoadedScan.of(app_storage.load_my_scan(employee))
    assert [p.id for p in loaded.posts] == [r.post_id for r in loaded.results]
    assert any(item.label == "ORG" for item in loaded.dossier.items)
    pdf = exposure_report_pdf(
        loaded.dossier, loaded.posts, loaded.results, person_name=employee.name, lang="nl"
    )
    assert pdf.startswith(b"%PDF")
