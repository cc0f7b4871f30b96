from exposure.dossier import build_dossier, dossier_to_dict
from exposure.models import Post

POSTS = [
    Post(id="p1", text="Trots op mijn nieuwe baan als operator bij Noordchem!", author="sanne"),
    Post(id="p2", text="Weer nachtdienst, 4 nachten achter elkaar 😴", author="sanne"),
    Post(
        id="p3",
        text="De camera bij poort 3 doet het al weken niet, niemand die het repareert",
        author="sanne",
    ),
    Post(id="p4", text="Lekker gefietst met de kinderen", author="sanne"),
    Post(id="q1", text="Mooie zonsondergang vanavond", author="other"),
]


def test_dossier_combines_details_from_different_posts(scanner) -> None:
    results = scanner.scan_posts(POSTS)
    dossier = build_dossier(POSTS, results, author="sanne")
    assert dossier.post_count == 4
    labels = {item.label for item in dossier.items}
    assert {"ROLE", "ORG", "SCHEDULE", "SECURITY"} <= labels
    # No single post is role + employer + schedule, but the person's posts together are.
    assert dossier.risk == "high"
    assert dossier.reasons


def test_every_item_names_the_posts_that_reveal_it(scanner) -> None:
    results = scanner.scan_posts(POSTS)
    dossier = build_dossier(POSTS, results, author="sanne")
    org = next(item for item in dossier.items if item.label == "ORG")
    assert org.value == "Noordchem" and org.post_ids == ["p1"]
    for item in dossier.items:
        assert set(item.post_ids) <= {"p1", "p2", "p3", "p4"}


def test_a_term_found_once_is_marked_in_all_posts_of_that_person(scanner) -> None:
    posts = [
        Post(id="a", text="Begonnen bij Hunze Gasopslag als operator", author="x"),
        Post(id="b", text="Hunze Gasopslag heeft lekkere koffie", author="x"),
    ]
    results = scanner.scan_posts(posts)
    first = {f.text for f in results[0].findings}
    second = {f.text for f in results[1].findings}
    shared = first & {"Hunze Gasopslag"}
    assert shared, results[0].findings
    assert shared <= second


def test_other_peoples_posts_stay_out(scanner) -> None:
    results = scanner.scan_posts(POSTS)
    dossier = build_dossier(POSTS, results, author="other")
    assert dossier.post_count == 1
    assert dossier.items == [] and dossier.risk == "none"


def test_dossier_dict_has_headings_in_the_ui_language(scanner) -> None:
    results = scanner.scan_posts(POSTS)
    data = dossier_to_dict(build_dossier(POSTS, results, author="sanne", ui_lang="en"), "en")
    sections = {item["section"] for item in data["items"]}
    assert "Role" in sections
