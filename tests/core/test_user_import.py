"""CSV import of employees: good files, bad rows, and files refused as a whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from app import accounts
from app.storage import Storage, User
from app.user_import import import_users_csv, parse_users_csv

GOOD_CSV = """name,email,department,role
Jan de Vries,jan@noordchem.example,Productie,employee
Petra Bakker,Petra@Noordchem.example,Personeelszaken,hr
"Vries, Anne de",anne@noordchem.example,,admin
"""


def keys_by_line(report) -> dict[int, str]:
    return {row.line: row.key for row in report.rejected}


def assert_nothing_stored(storage: Storage, admin: User, report) -> None:
    assert report.error_key is not None
    assert report.created == [] and report.rejected == []
    assert [u.id for u in storage.list_users()] == [admin.id]


def test_good_file_creates_accounts_with_one_time_passwords(storage: Storage, admin: User):
    report = import_users_csv(storage, admin, GOOD_CSV.encode())
    assert report.ok and report.rejected == []
    assert [(u.email, u.role, u.department) for u, _ in report.created] == [
        ("jan@noordchem.example", "employee", "Productie"),
        ("petra@noordchem.example", "hr", "Personeelszaken"),
        ("anne@noordchem.example", "admin", None),
    ]
    assert storage.get_user_by_email("anne@noordchem.example").name == "Vries, Anne de"
    assert len({password for _, password in report.created}) == 3
    user, password = report.created[1]
    signed_in = accounts.authenticate(storage, user.email, password)
    assert signed_in.must_change_password

    created = storage.list_audit(action="user_created")
    assert {e.target for e in created} == {u.email for u, _ in report.created}
    assert all(e.actor_id == admin.id for e in created)
    summary = storage.list_audit(action="users_imported")[0]
    assert summary.detail.startswith("created 3; rejected 0")


def test_semicolon_file_with_dutch_headers_and_roles(storage: Storage, admin: User) -> None:
    data = (
        "Naam;E-mail;Afdeling;Rol\r\n"
        "José Müller;jose@noordchem.example;Logistiek;medewerker\r\n"
        "Kees Smit;kees@noordchem.example;ICT;beheerder\r\n"
    ).encode()
    report = import_users_csv(storage, admin, data)
    assert report.rejected == []
    assert [(u.name, u.role) for u, _ in report.created] == [
        ("José Müller", "employee"),
        ("Kees Smit", "admin"),
    ]


def test_utf8_file_with_bom(storage: Storage, admin: User) -> None:
    data = "\ufeffnaam;e-mail;afdeling;rol\nZoë Çelik;zoe@noordchem.example;Lab;hr\n".encode()
    report = import_users_csv(storage, admin, data)
    assert report.ok and report.rejected == []
    assert report.created[0][0].name == "Zoë Çelik"


def test_bad_rows_are_reported_by_line_and_the_rest_imported(
    storage: Storage, admin: User, rendered
) -> None:
    existing = storage.get_user(admin.id)
    data = (
        b"name,email,department,role\n"  # line 1
        b"Jan de Vries,jan@noordchem.example,Productie,employee\n"  # 2 ok
        b",leeg@noordchem.example,Productie,employee\n"  # 3 empty name
        b"Geen Adres,jan.noordchem.example,Productie,employee\n"  # 4 bad e-mail
        b"Directeur,dir@noordchem.example,Directie,directeur\n"  # 5 unknown role
        b"\n"  # 6 blank, skipped
        b"Jan Dubbel,JAN@noordchem.example,Productie,employee\n"  # 7 duplicate in file
        b"Anne Overschrijf,beheer@noordchem.example,Productie,employee\n"  # 8 already stored
        b"Vries, Piet de,piet@noordchem.example,Productie,employee\n"  # 9 unquoted comma
        b'"Meer\nregels",multi@noordchem.example,Productie,employee\n'  # 10-11 ok
        b"Te Kort,kort@noordchem.example\n"  # 12 too few fields
        b"Geen Rol,rol@noordchem.example,Productie,\n"  # 13 empty role
        b"Petra Bakker,petra@noordchem.example,,hr\n"  # 14 ok
    )
    report = import_users_csv(storage, admin, data)

    assert report.ok
    assert keys_by_line(report) == {
        3: "import.empty_field",
        4: "import.bad_email",
        5: "import.unknown_role",
        7: "import.duplicate_in_file",
        8: "import.already_exists",
        9: "import.wrong_field_count",
        12: "import.wrong_field_count",
        13: "import.empty_field",
    }
    assert sorted(u.email for u, _ in report.created) == [
        "jan@noordchem.example",
        "multi@noordchem.example",
        "petra@noordchem.example",
    ]
    by_line = {row.line: row for row in report.rejected}
    assert by_line[3].params == {"field": "name"}
    assert by_line[7].params == {"email": "jan@noordchem.example", "first_line": 2}
    assert "beheer@noordchem.example" in by_line[8].raw
    for row in report.rejected:
        texts = rendered(row.key, row.params)
        assert texts["nl"] and texts["en"]
    assert "regel 2" in rendered(by_line[7].key, by_line[7].params)["nl"]

    # The account that was already there is untouched.
    assert storage.get_user(admin.id) == existing
    assert storage.count_users() == 4


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (
            "naam,e-mail,afdeling,rol\nJosé,jose@noordchem.example,Café,employee\n",
            "import.not_utf8",
        ),
        ("name,email,role\nJan,jan@noordchem.example,employee\n", "import.missing_columns"),
        ("name,email,department,role\n", "import.no_rows"),
        ("", "import.empty"),
        ('name,email,department,role\n"Jan,jan@noordchem.example,P,employee\n', "import.malformed"),
        ("name,email,e-mail,department,role\n", "import.duplicate_column"),
    ],
)
def test_whole_file_problems_store_nothing(storage: Storage, admin: User, rendered, data, key):
    encoding = "latin-1" if key == "import.not_utf8" else "utf-8"
    report = import_users_csv(storage, admin, data.encode(encoding))
    assert report.error_key == key
    assert_nothing_stored(storage, admin, report)
    assert all(rendered(report.error_key, report.error_params).values())
    assert storage.list_audit()[0].action == "users_import_refused"


def test_latin1_file_names_the_problem_and_line(storage: Storage, admin: User, rendered) -> None:
    data = "naam;e-mail;afdeling;rol\nJan;jan@noordchem.example;P;employee\nRené;r@x.nl;P;hr\n"
    report = import_users_csv(storage, admin, data.encode("latin-1"))
    assert (report.error_key, report.error_params) == ("import.not_utf8", {"line": 3})
    assert "UTF-8" in rendered(report.error_key, report.error_params)["nl"]
    assert_nothing_stored(storage, admin, report)


def test_missing_columns_are_named(storage: Storage, admin: User) -> None:
    report = import_users_csv(storage, admin, b"naam;afdeling\nJan;Productie\n")
    assert report.error_key == "import.missing_columns"
    assert "e-mail" in report.error_params["columns"]
    assert "rol" in report.error_params["columns"]


def test_huge_file_is_refused_before_reading(storage: Storage, admin: User) -> None:
    row = b"Jan de Vries,jan@noordchem.example,Productie,employee\n"
    data = b"name,email,department,role\n" + row * (1_000_000 // len(row) + 1)
    report = import_users_csv(storage, admin, data)
    assert report.error_key == "import.too_large"
    assert report.error_params["size_kb"] > report.error_params["max_kb"]
    assert_nothing_stored(storage, admin, report)


def test_too_many_rows_is_refused(storage: Storage, admin: User) -> None:
    rows = "".join(f"P{i},p{i}@noordchem.example,Productie,employee\n" for i in range(11))
    data = ("name,email,department,role\n" + rows).encode()
    report = import_users_csv(storage, admin, data, max_rows=10)
    assert (report.error_key, report.error_params) == ("import.too_many_rows", {"max_rows": 10})
    assert_nothing_stored(storage, admin, report)
    assert len(import_users_csv(storage, admin, data, max_rows=11).created) == 11


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00 rest of a workbook", "import.spreadsheet"),
        ("name,email,department,role\n".encode("utf-16"), "import.utf16"),
        (b"name,email,department,role\nJan\x00,jan@x.nl,P,employee\n", "import.binary"),
    ],
)
def test_files_that_are_not_csv_text(storage: Storage, admin: User, data, key) -> None:
    report = import_users_csv(storage, admin, data)
    assert report.error_key == key
    assert_nothing_stored(storage, admin, report)


def test_only_admins_may_import(storage: Storage, admin: User) -> None:
    hr, _ = accounts.create_user(
        storage, admin, email="hr@noordchem.example", name="Henk", role="hr"
    )
    report = import_users_csv(storage, hr, GOOD_CSV.encode())
    assert report.error_key == "accounts.not_allowed"
    assert storage.count_users() == 2


def test_parsing_alone_touches_no_storage() -> None:
    parsed = parse_users_csv(GOOD_CSV.encode())
    assert parsed.error_key is None
    assert [row.line for row in parsed.rows] == [2, 3, 4]
    assert parsed.rows[1].email == "petra@noordchem.example"


@given(st.binary(max_size=2000))
@hypothesis_settings(max_examples=150, deadline=None)
def test_parser_answers_any_bytes_with_a_report(data: bytes) -> None:
    parsed = parse_users_csv(data)
    assert parsed.error_key is not None or parsed.rows or parsed.rejected


@given(st.text(alphabet='naml,;"\n\r\t @.éx-', max_size=400))
@hypothesis_settings(max_examples=150, deadline=None)
def test_parser_answers_any_csv_like_text_with_a_report(body: str) -> None:
    text = "name;email;department;role\n" + body
    parsed = parse_users_csv(text.encode())
    lines = text.count("\n") + text.count("\r") + 1
    if parsed.error_key is None:
        for row in [*parsed.rows, *parsed.rejected]:
            assert 2 <= row.line <= lines
