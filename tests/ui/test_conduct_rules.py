"""Conduct rules: propose from HR's scan, edit, publish, acknowledge, compare and export."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from streamlit.testing.v1 import AppTest

from app.i18n import t
from app.storage import Storage
from app.ui import rules_export
from app.ui.notices_rules import pending_ruleset_version
from app.ui.rules_view import ACKNOWLEDGE_PAGE
from exposure.conduct import RuleSet, add_custom, publish

from .conftest import EMPLOYEE_PASSWORD

PAGES = Path(__file__).resolve().parents[2] / "app" / "ui" / "pages"
HR_EMAIL = "hr@noordchem.example"
EMPLOYEE_EMAIL = "piet@noordchem.example"


def nl(key: str, **params: object) -> str:
    return t(key, "nl", **params)


def draft_of(storage: Storage) -> RuleSet:
    return RuleSet.from_document(storage.load_ruleset_draft().document)


def add_people(storage: Storage, people: int, department: str, *, share: dict | None = None):
    """Accounts that never sign in here; with `share`, they share these counts with HR."""
    added = []
    for number in range(people):
        user = storage.add_user(
            email=f"{department.lower()}{number}@noordchem.example",
            name=f"Collega {department} {number}",
            role="employee",
            department=department,
        )
        if share is not None:
            storage.record_consent(user, "share_counts_with_hr", "v1", True)
            storage.share_counts(user, department, share)
        added.append(user)
    return added


@pytest.fixture
def hr(make_user):
    return make_user(HR_EMAIL, "hr", name="Hanna Personeel")


@pytest.fixture
def hr_session(new_session, hr):
    return new_session().sign_in(HR_EMAIL, EMPLOYEE_PASSWORD)


def section(session, name: str):
    session.at.radio(key="rules.section").set_value(name)
    return session.run()


def select_rule(session, rule_id: str):
    session.at.selectbox(key="rules_editor.selected").set_value(rule_id)
    return session.run()


def propose_from_sample_scan(session):
    session.open("hr_scan.py").click(nl("hr.scan.run"))
    session.open("conduct_rules.py")
    return session.click(nl("rules.propose.submit"))


def table_with(session, *columns: str):
    frames = [f.value for f in session.at.main.dataframe if set(columns) <= set(f.value.columns)]
    assert len(frames) == 1
    return frames[0]


@pytest.mark.parametrize("script", ["conduct_rules.py", "acknowledge_rules.py"])
def test_who_may_open_the_rules_pages(new_session, make_user, script):
    employee = make_user(EMPLOYEE_EMAIL, "employee")
    session = new_session().sign_in(employee.email, EMPLOYEE_PASSWORD)
    if script == "conduct_rules.py":
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            session.open(script)
        direct = AppTest.from_file(str(PAGES / script), default_timeout=60)
        direct.session_state["session.user_id"] = employee.id
        direct.run()
        assert [e.value for e in direct.error] == [nl("app.not_allowed")]
        assert not direct.button and not direct.radio
    else:
        session.open(script)  # every role reads the published rules
        assert session.title() == nl("rules.ack.title")
        assert session.shows(nl("rules.ack.none_yet"))


def test_the_proposal_from_the_sample_scan_explains_each_rule(hr_session, app_storage):
    session = propose_from_sample_scan(hr_session)

    draft = draft_of(app_storage)
    assert draft.version == 1 and draft.rules
    assert all(rule.state == "pending" for rule in draft.rules)
    assert session.shows(nl("rules.propose.done", count=len(draft.rules), version=1))
    first = draft.rules[0]
    assert session.shows(nl("rules.editor.why_proposed"))
    for reason in first.reasons["nl"]:
        assert session.shows(reason)
    assert any("van de 323 berichten" in reason for reason in first.reasons["nl"])
    for quote in first.quotes:
        assert session.shows(quote)
        assert not any(ch.isdigit() for ch in quote)  # the anonymiser leaves no number
    assert app_storage.list_audit(action="ruleset_draft_saved")[0].actor_email == HR_EMAIL


def test_propose_edit_publish_acknowledge_and_track(
    new_session, hr_session, app_storage, make_user
):
    employee = make_user(EMPLOYEE_EMAIL, "employee")
    session = propose_from_sample_scan(hr_session)
    first, second, third = (rule.id for rule in draft_of(app_storage).rules[:3])

    # Accept the first rule and give it the company's own Dutch title.
    session.click(nl("rules.editor.set.accepted"))
    session.fill(f"rules_edit.{first}.nl.title", "Zwijg over diensten en poorten")
    session.click(nl("rules.editor.save"))
    # Reject the second; move the third to the top and accept it.
    select_rule(session, second).click(nl("rules.editor.set.rejected"))
    select_rule(session, third).click(nl("rules.editor.up"))
    session.click(nl("rules.editor.up"))
    session.click(nl("rules.editor.set.accepted"))
    # Add a rule of HR's own, in Dutch only.
    session.fill("rules_custom.nl.title", "Meld elk verzoek om een rondleiding")
    session.at.text_area(key="rules_custom.nl.rule").input(
        "Vraagt iemand online om een rondleiding, meld het."
    )
    session.click(nl("rules.custom.submit"))

    draft = draft_of(app_storage)
    assert [rule.id for rule in draft.rules[:3]] == [third, first, second]
    assert draft.get(first).nl.title == "Zwijg over diensten en poorten"
    assert draft.get(second).state == "rejected"
    custom = draft.rules[-1]
    assert custom.origin == "custom" and custom.state == "accepted"
    assert custom.en.title == "Meld elk verzoek om een rondleiding"  # copied from Dutch

    session.click(nl("rules.draft.publish"))
    assert session.shows(nl("rules.draft.published", version=1))
    assert app_storage.load_ruleset_draft() is None
    published = RuleSet.from_document(app_storage.get_published_ruleset(1).document)
    assert [rule.id for rule in published.rules] == [third, first, custom.id]
    assert all(not rule.reasons and not rule.quotes for rule in published.rules)

    # The employee is asked to read version 1, reads it and acknowledges it.
    assert pending_ruleset_version(app_storage, employee) == 1
    reader = new_session()
    reader.sign_in(employee.email, EMPLOYEE_PASSWORD).open("acknowledge_rules.py")
    assert reader.shows(nl("rules.ack.please_read", version=1))
    assert reader.shows("Zwijg over diensten en poorten")
    assert not reader.shows(draft.get(second).nl.title)
    assert reader.at.button(key="acknowledge_rules.submit").disabled
    reader.at.checkbox(key="acknowledge_rules.read").check()
    reader.run().click(nl("rules.ack.submit"))
    assert app_storage.has_acknowledged(employee, 1)
    assert pending_ruleset_version(app_storage, employee) is None
    assert reader.shows(nl("rules.ack.done", version=1))

    # HR sees who acknowledged.
    session.run()
    assert session.at.radio(key="rules.section").value == "published"
    who = table_with(session, nl("rules.acks.when"))
    assert who[nl("common.email")].tolist() == [employee.email]
    assert session.shows(nl("rules.acks.too_few", min=10))  # too few accounts for a rate
    assert app_storage.list_audit(action="acknowledgements_viewed")[0].actor_email == HR_EMAIL


def test_the_acknowledge_prompt_leads_to_the_page_until_acknowledged(app_storage, hr):
    script = f"""
import streamlit as st
from app.ui import notices_rules, services, session
storage = services.storage_or_stop("nl")
user = session.current_user(storage)
home = st.Page(lambda: st.title("start"), title="start", url_path="start", default=True)
ack = st.Page({str(ACKNOWLEDGE_PAGE)!r}, url_path="conduct-rules-acknowledge")
page = st.navigation([home, ack])
notices_rules.show_pending_prompt(storage, user, "nl", page.url_path)
page.run()
"""
    shell = AppTest.from_string(script, default_timeout=60)
    shell.session_state["session.user_id"] = hr.id
    shell.run()
    assert not shell.exception and not shell.get("page_link")  # nothing published yet

    draft = add_custom(RuleSet(company="Noordchem"), {"nl": "Titel"}, {"nl": "Regel"})
    app_storage.publish_ruleset(hr, 1, publish(draft, "HR").to_document())
    shell.run()
    assert any(nl("rules.prompt.text", version=1) in m.value for m in shell.markdown)
    assert [link.proto.label for link in shell.get("page_link")] == [nl("rules.prompt.link")]

    app_storage.acknowledge_ruleset(hr, 1)
    shell.run()
    assert not shell.get("page_link")


def test_minimum_group_size_holds_for_proposal_and_acknowledgement_rates(
    hr_session, app_storage, hr
):
    app_storage.set_setting("min_group_size", 5)
    app_storage.save_profile(hr, {"company_names": ["Noordchem"], "min_group_size": 5})
    add_people(app_storage, 4, "Klein", share={"LEVERAGE": 9})

    # Four people shared: the proposal may not use their counts.
    session = hr_session.open("conduct_rules.py")
    assert session.at.checkbox(key="rules_propose.use_scan").disabled  # no scan in this session
    session.click(nl("rules.propose.submit"))
    shared_words = "Gedeelde tellingen van medewerkers"
    assert not any(
        shared_words in reason
        for rule in draft_of(app_storage).rules
        for reason in rule.reasons["nl"]
    )
    session.click(nl("rules.draft.discard"))

    # A fifth person shares: now the counts count, and say how many people they are from.
    add_people(app_storage, 1, "Groot", share={"LEVERAGE": 1})
    session.run().click(nl("rules.propose.submit"))
    draft = draft_of(app_storage)
    assert any(
        f"{shared_words} (5 medewerkers)" in reason
        for rule in draft.rules
        for reason in rule.reasons["nl"]
    )

    # Acknowledgement rates: the department of 4 is never shown by name.
    add_people(app_storage, 5, "Productie2")
    session.click(nl("rules.draft.accept_all")).click(nl("rules.draft.publish"))
    rates = table_with(session, nl("rules.acks.rate"))
    shown = rates[nl("common.department")].tolist()
    assert "Klein" not in shown and nl("rules.acks.other") in shown
    assert all(members >= 5 for members in rates[nl("rules.acks.members")])
    assert not [text for text in session.texts() if re.search(r"\bKlein\b", text)]


def test_versions_are_compared_and_exported(hr_session, app_storage):
    session = propose_from_sample_scan(hr_session)
    session.click(nl("rules.draft.accept_all")).click(nl("rules.draft.publish"))
    assert [b.label for b in session.at.get("download_button")] == [
        nl("rules.export.md"),
        nl("rules.export.docx"),
        nl("rules.export.pdf"),
    ]

    # A second version: start from version 1, change one rule's wording.
    session.click(nl("rules.published.new_draft", version=1))
    draft = draft_of(app_storage)
    assert draft.version == 2 and draft.based_on == 1
    changed = draft.rules[0]
    rule_text = session.at.text_area(key=f"rules_edit.{changed.id}.nl.rule")
    rule_text.input("Noem nooit je dienst of je poort online.")
    session.click(nl("rules.editor.save"))
    section(session, "compare")
    assert session.shows(nl("rules.compare.kind.changed"))
    assert session.shows(changed.nl.title)
    marked = [node.proto.body for node in session.at.get("html")]
    assert any(
        "<ins" in body and "Noem nooit je dienst of je poort online." in body for body in marked
    )

    # The exports of the published version carry its title and open as their format.
    published = RuleSet.from_document(app_storage.get_published_ruleset(1).document)
    title = published.rules[0].nl.title
    word = docx.Document(io.BytesIO(rules_export.export_file(published, "docx", "nl").data))
    assert any(title in paragraph.text for paragraph in word.paragraphs)
    assert rules_export.export_file(published, "pdf", "nl").data.startswith(b"%PDF")
    markdown = rules_export.export_file(published, "md", "en").data.decode("utf-8")
    assert published.rules[0].en.title.split()[0] in markdown
    assert rules_export.file_name(published, "pdf", "nl").endswith("-v1-nl.pdf")
