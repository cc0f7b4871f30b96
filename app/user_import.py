"""Import employees from a CSV file: name, e-mail, department, role.

The file is untrusted. Problems with the file as a whole (too big, not UTF-8,
no header, missing columns, broken quoting, too many rows) refuse the import
and store nothing. Problems with single rows reject those rows, each with its
line number and reason, and the other rows are imported together in one
transaction. An import only adds accounts: nothing already stored is changed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from app.accounts import (
    MAX_DEPARTMENT_LENGTH,
    MAX_EMAIL_LENGTH,
    MAX_NAME_LENGTH,
    ROLES,
    AccountError,
    is_valid_email,
    new_one_time_password,
    parse_role,
    require_admin,
)
from app.storage import DuplicateEmail, Storage, User, normalize_email

DELIMITERS = (",", ";", "\t")
RAW_PREVIEW_CHARS = 300

# Accepted header names per column (compared lower-case, spaces collapsed).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam", "full name", "volledige naam"),
    "email": ("email", "e-mail", "e-mail address", "email address", "e-mailadres", "emailadres"),
    "department": ("department", "afdeling"),
    "role": ("role", "rol"),
}
# How a missing column is named in the message, in both languages at once.
COLUMN_LABELS = {
    "name": "naam/name",
    "email": "e-mail",
    "department": "afdeling/department",
    "role": "rol/role",
}
_HEADER_TO_COLUMN = {alias: column for column, names in COLUMN_NAMES.items() for alias in names}
_MAX_LENGTHS = {
    "name": MAX_NAME_LENGTH,
    "email": MAX_EMAIL_LENGTH,
    "department": MAX_DEPARTMENT_LENGTH,
}


@dataclass
class ImportRow:
    line: int
    email: str
    name: str
    department: str | None
    role: str
    raw: str = field(default="", repr=False)  # the row as read, for the report


@dataclass
class RejectedRow:
    line: int
    raw: str
    key: str  # message key, e.g. "import.bad_email"
    params: dict = field(default_factory=dict)


@dataclass
class ParsedFile:
    """What a CSV file holds before anything is compared with stored accounts."""

    rows: list[ImportRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    error_key: str | None = None
    error_params: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    created: list[tuple[User, str]] = field(default_factory=list)  # (user, one-time password)
    rejected: list[RejectedRow] = field(default_factory=list)
    error_key: str | None = None  # set when the whole file was refused; then nothing is stored
    error_params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error_key is None


def _file_error(key: str, **params: object) -> ParsedFile:
    return ParsedFile(error_key=key, error_params=params)


def _decode(data: bytes) -> str | ParsedFile:
    """The text of `data`, or the whole-file error explaining why it is not usable."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return _file_error("import.spreadsheet")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _file_error("import.utf16")
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return _file_error("import.not_utf8", line=line)
    if "\x00" in text:
        return _file_error("import.binary")
    return text


def _sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns (Excel NL writes ';')."""
    return max(DELIMITERS, key=header_line.count)


def _header_columns(header: list[str]) -> tuple[dict[str, int], ParsedFile | None]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = _HEADER_TO_COLUMN.get(" ".join(cell.strip().lower().split()))
        if column is None:
            continue  # extra columns are allowed and ignored
        if column in positions:
            return {}, _file_error("import.duplicate_column", column=cell.strip())
        positions[column] = index
    missing = [COLUMN_LABELS[c] for c in COLUMN_NAMES if c not in positions]
    if missing:
        return {}, _file_error("import.missing_columns", columns=", ".join(missing))
    return positions, None


def _check_row(
    line: int, cells: list[str], header: list[str], positions: dict[str, int], raw: str
) -> ImportRow | RejectedRow:
    # Excel pads rows with empty cells; only non-empty extra cells mean a broken row,
    # typically an unquoted delimiter inside a name ("Vries, Jan de").
    if len(cells) < len(header) or any(c.strip() for c in cells[len(header) :]):
        return RejectedRow(
            line, raw, "import.wrong_field_count", {"expected": len(header), "found": len(cells)}
        )
    values = {column: " ".join(cells[index].split()) for column, index in positions.items()}
    for column in ("name", "email", "role"):
        if not values[column]:
            return RejectedRow(
                line, raw, "import.empty_field", {"field": header[positions[column]].strip()}
            )
    for column, limit in _MAX_LENGTHS.items():
        if len(values[column]) > limit:
            field_name = header[positions[column]].strip()
            return RejectedRow(line, raw, "import.too_long", {"field": field_name, "max": limit})
    if not is_valid_email(values["email"]):
        return RejectedRow(line, raw, "import.bad_email", {"email": values["email"]})
    role = parse_role(values["role"])
    if role is None:
        return RejectedRow(
            line, raw, "import.unknown_role", {"role": values["role"], "roles": ", ".join(ROLES)}
        )
    return ImportRow(
        line=line,
        email=normalize_email(values["email"]),
        name=values["name"],
        department=values["department"] or None,
        role=role,
        raw=raw,
    )


def parse_users_csv(data: bytes, *, max_bytes: int = 1_000_000, max_rows: int = 5000) -> ParsedFile:
    """Read and check a CSV file without touching storage (duplicates within the file included)."""
    if len(data) > max_bytes:
        return _file_error(
            "import.too_large", max_kb=max_bytes // 1000, size_kb=-(-len(data) // 1000)
        )
    if not data.strip():
        return _file_error("import.empty")
    text = _decode(data)
    if isinstance(text, ParsedFile):
        return text
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)

    parsed = ParsedFile()
    header: list[str] | None = None
    positions: dict[str, int] = {}
    first_line_of: dict[str, int] = {}
    data_rows = 0
    previous_end = 0
    try:
        for cells in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = cells
                positions, error = _header_columns(header)
                if error is not None:
                    return error
                continue
            data_rows += 1
            if data_rows > max_rows:
                return _file_error("import.too_many_rows", max_rows=max_rows)
            raw = delimiter.join(cells)[:RAW_PREVIEW_CHARS]
            result = _check_row(line, cells, header, positions, raw)
            if isinstance(result, RejectedRow):
                parsed.rejected.append(result)
            elif result.email in first_line_of:
                parsed.rejected.append(
                    RejectedRow(
                        line,
                        raw,
                        "import.duplicate_in_file",
                        {"email": result.email, "first_line": first_line_of[result.email]},
                    )
                )
            else:
                first_line_of[result.email] = line
                parsed.rows.append(result)
    except csv.Error:
        return _file_error("import.malformed", line=reader.line_num)
    if header is None:
        return _file_error("import.no_header")
    if data_rows == 0:
        return _file_error("import.no_rows")
    return parsed


def import_users_csv(
    storage: Storage,
    actor: User,
    data: bytes,
    *,
    max_bytes: int = 1_000_000,
    max_rows: int = 5000,
) -> ImportReport:
    """Create an account with a one-time password for every acceptable row (admin only).

    Rows whose e-mail already has an account are rejected, never merged. All new
    accounts are stored in one transaction, with one audit entry each plus a summary.
    """
    try:
        actor = require_admin(storage, actor)
    except AccountError as exc:
        return ImportReport(error_key=exc.key, error_params=exc.params)
    parsed = parse_users_csv(data, max_bytes=max_bytes, max_rows=max_rows)
    if parsed.error_key is not None:
        storage.audit(actor, "users_import_refused", detail=parsed.error_key)
        return ImportReport(error_key=parsed.error_key, error_params=parsed.error_params)

    rejected = list(parsed.rejected)
    accepted: list[ImportRow] = []
    for row in parsed.rows:
        if storage.get_user_by_email(row.email) is not None:
            rejected.append(
                RejectedRow(row.line, row.raw, "import.already_exists", {"email": row.email})
            )
        else:
            accepted.append(row)
    rejected.sort(key=lambda r: r.line)

    passwords: list[str] = []
    new_users: list[dict] = []
    for row in accepted:
        password, password_hash = new_one_time_password(storage.settings)
        passwords.append(password)
        new_users.append(
            {
                "email": row.email,
                "name": row.name,
                "role": row.role,
                "department": row.department,
                "password_hash": password_hash,
                "must_change_password": True,
            }
        )
    try:
        users = storage.add_users(new_users, actor=actor, detail="CSV import")
    except DuplicateEmail as exc:
        # Someone added one of these addresses while the file was being checked.
        storage.audit(actor, "users_import_refused", detail=f"conflict: {exc.email}")
        return ImportReport(error_key="import.conflict", error_params={"email": exc.email})
    rejected_lines = ", ".join(str(r.line) for r in rejected) or "-"
    storage.audit(
        actor,
        "users_imported",
        detail=f"created {len(users)}; rejected {len(rejected)} (lines {rejected_lines})"[:2000],
    )
    return ImportReport(created=list(zip(users, passwords, strict=True)), rejected=rejected)
