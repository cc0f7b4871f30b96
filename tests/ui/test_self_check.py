"""Check your post: findings marked and explained, safer version, nothing stored unasked."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from app.i18n import t
from app.ui.highlight import label_name
from exposure.conduct import default_catalogue

from .conftest import EMPLOYEE_PASSWORD

EMAIL = "piet@noordchem.example"
RISKY_NL = (
    "Vannacht sta ik alleen in de controlekamer bij Noordchem, "
    "de camera bij poort 3 is al weken kapot."
)


@pytest.fixture
def employee(make_user):
    return make_user(EMAIL, "employee")


def self_check(new_session, email: str = EMAIL):
    return new_session().sign_in(email, EMPLOYEE_PASSWORD).open("self_check.py")


def check(session, text: str, lang: str = "nl"):
    session.at.text_area(key="employee.self_check.draft").input(text)
    return session.click(t("employee.self_check.submit", lang))


def html_bodies(session) -> list[str]:
    return [element.value for element in session.at.main.get("html")]


def test_risky_dutch_post_is_marked_explained_and_rewritten(new_session, app_storage, employee):
    session = check(self_check(new_session), RISKY_NL)

    marked = "\n".join(html_bodies(session))
    for label, text in (("SITE", "controlekamer"), ("ORG", "Noordchem"), ("SCHEDULE", "Vannacht")):
        assert f'data-label="{label}"' in marked
        assert text in marked
    assert 'data-legend="SECURITY"' in marked
    assert session.shows(t("employee.risk.high", "nl").split("**")[1])
    assert session.shows(label_name("SECURITY", "nl"))
    security_rule = default_catalogue().rules_for_label("SECURITY")[0]
    assert session.shows(security_rule.nl.title)

    rewrite = session.at.main.code[0].value
    assert "Noordchem" not in rewrite and "poort 3" not in rewrite
    # Nothing was stored: the employee did not press save.
    assert app_storage.list_self_checks(employee) == []


def test_html_and_script_in_a_post_show_as_text(new_session, employee):
    hostile = '<script>alert("x")</script><b>vet</b> Morgen nachtdienst bij poort 3 $x$ :red[rood]'
    session = check(self_check(new_session), hostile)

    marked = "\n".join(html_bodies(session))
    assert "<script" not in marked and "<b>" not in marked
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in marked
    assert 'data-label="SITE"' in marked
    for element in session.at.main.markdown:
        assert "<script" not in element.value and "<b>" not in element.value
    # The safer version is shown as plain text too (a code block, never markup).
    assert "<script>" in session.at.main.code[0].value


def test_english_and_mixed_posts_are_checked(new_session, make_user):
    make_user("anna@noordchem.example", "employee", name="Anna Planner", lang="en")
    session = check(
        self_check(new_session, "anna@noordchem.example"),
        "Night shift alone at jetty 4 tonight, the guard leaves at 22:00.",
        "en",
    )
    assert 'data-label="SITE"' in "\n".join(html_bodies(session))
    assert session.shows(label_name("SITE", "en"))
    assert session.at.main.code[0].value and "jetty 4" not in session.at.main.code[0].value

    check(session, "Morgen nachtdienst at the jetty 4, badge 4471 works again", "en")
    marked = "\n".join(html_bodies(session))
    assert 'data-label="ACCESS"' in marked and 'data-label="SITE"' in marked


def test_a_harmless_post_says_so_and_offers_no_rewrite(new_session, employee):
    session = check(self_check(new_session), "Lekker gefietst vandaag, wat een mooi weer!")
    assert session.shows(t("employee.risk.none", "nl").split("**")[1])
    assert session.shows(t("employee.rewrite.not_needed", "nl"))
    assert len(session.at.main.code) == 0


def test_saving_is_the_employees_choice_and_saved_checks_can_be_deleted(
    new_session, app_storage, employee
):
    session = check(self_check(new_session), RISKY_NL)
    assert app_storage.list_self_checks(employee) == []

    session.click(t("employee.self_check.save", "nl"))
    saved = app_storage.list_self_checks(employee)
    assert [s.text for s in saved] == [RISKY_NL]
    assert saved[0].result["risk"] == "high"
    assert session.shows(t("employee.self_check.saved", "nl"))

    session.click(t("employee.self_check.delete", "nl"))
    assert app_storage.list_self_checks(employee) == []
    assert session.shows(t("employee.self_check.saved_none", "nl"))


def test_the_published_rule_replaces_the_catalogue_rule(new_session, app_storage, admin, employee):
    from exposure.conduct import RuleSet, add_custom, publish

    draft = add_custom(
        RuleSet(),
        {"nl": "Zwijg over de controlekamer", "en": "Keep quiet about the control room"},
        {
            "nl": "Noem nooit waar je op het terrein werkt.",
            "en": "Never say where on site you work.",
        },
        labels=["SITE"],
        severity=3,
    )
    published = publish(draft, admin.email)
    app_storage.publish_ruleset(admin, published.version, published.to_document())

    session = check(self_check(new_session), RISKY_NL)
    assert session.shows("Zwijg over de controlekamer")
    assert session.shows(
        t("employee.finding.rule_published", "nl", version=1, title="", rule="")[:20]
    )
    # Labels the published set does not cover still link to the catalogue's rule.
    assert session.shows(default_catalogue().rules_for_label("SECURITY")[0].nl.title)


def photo_with_gps() -> bytes:
    from PIL import ExifTags

    exif = Image.Exif()
    exif[0x010F] = "Fairphone"
    exif[0x0110] = "FP5"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (53.0, 19.0, 48.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (6.0, 55.0, 12.0)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 140, 200)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_photo_check_warns_about_gps_and_offers_a_clean_copy(new_session, app_storage, employee):
    session = self_check(new_session)
    session.at.file_uploader(key="employee.photo.upload").set_value(
        ("haven.jpg", photo_with_gps(), "image/jpeg")
    )
    session.run()

    assert session.shows("53.33000, 6.92000")  # the GPS position, in words
    assert session.shows("Fairphone FP5")  # the device
    assert session.shows(t("employee.photo.map_title", "nl"))
    # The map draws on an outside tile service, so it appears only when asked for.
    assert not session.at.main.get("deck_gl_json_chart")
    session.at.toggle(key="employee.photo.map").set_value(True)
    session.run()
    assert len(session.at.main.get("deck_gl_json_chart")) == 1
    download = session.at.main.get("download_button")
    assert len(download) == 1
    assert app_storage.list_self_checks(employee) == []


def test_a_file_that_is_no_photo_gets_a_clear_message(new_session, employee):
    session = self_check(new_session)
    session.at.file_uploader(key="employee.photo.upload").set_value(
        ("haven.jpg", b"this is not a picture at all", "image/jpeg")
    )
    session.run()
    assert len(session.at.main.error) == 1
    assert not session.at.main.get("download_button")


def test_text_in_a_photo_is_read_and_scanned(new_session, employee):
    from exposure.photo import ocr_available

    if not ocr_available():
        pytest.skip("tesseract with Dutch and English data is not installed")
    from PIL import ImageDraw, ImageFont

    image = Image.new("RGB", (900, 160), "white")
    font = ImageFont.load_default(size=40)
    ImageDraw.Draw(image).text((20, 50), "Nachtdienst bij poort 3", fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")

    session = self_check(new_session)
    session.at.file_uploader(key="employee.photo.upload").set_value(
        ("bord.png", buffer.getvalue(), "image/png")
    )
    session.run()
    marked = "\n".join(html_bodies(session))
    assert "poort 3" in marked and 'data-label="SITE"' in marked


def test_only_signed_in_people_can_open_the_self_check(new_session, employee):
    with pytest.raises(ValueError):
        new_session().open("self_check.py")
