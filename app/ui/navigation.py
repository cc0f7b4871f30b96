"""Which pages exist, who may open them, and the navigation built from that.

`st.navigation` only registers the pages listed here for the signed-in user's role.
A page that is not registered has no URL in that session, so typing its address
shows the user's start page instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from app import accounts
from app.accounts import ROLES
from app.i18n import t
from app.storage import Storage, User
from app.ui import session

PAGES_DIR = Path(__file__).resolve().parent / "pages"

EVERYONE = frozenset(ROLES)
HR_AND_ADMIN = frozenset({"hr", "admin"})
ADMIN_ONLY = frozenset({"admin"})


@dataclass(frozen=True)
class PageSpec:
    url_path: str
    script: str  # file name in app/ui/pages/
    title_key: str
    icon: str
    section_key: str
    roles: frozenset[str]

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.script

    def page(self, lang: str, *, default: bool = False) -> st.Page:
        return st.Page(
            self.path,
            title=t(self.title_key, lang),
            icon=self.icon,
            url_path=self.url_path,
            default=default,
        )


# In menu order; the first page a role may open is its start page.
PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "self-check",
        "self_check.py",
        "nav.self_check",
        ":material/fact_check:",
        "nav.section.mine",
        EVERYONE,
    ),
    PageSpec(
        "my-exposure",
        "my_exposure.py",
        "nav.my_exposure",
        ":material/visibility:",
        "nav.section.mine",
        EVERYONE,
    ),
    PageSpec(
        "training", "training.py", "nav.training", ":material/school:", "nav.section.mine", EVERYONE
    ),
    PageSpec(
        "conduct-rules-acknowledge",
        "acknowledge_rules.py",
        "nav.acknowledge_rules",
        ":material/task_alt:",
        "nav.section.mine",
        EVERYONE,
    ),
    PageSpec(
        "privacy",
        "privacy.py",
        "nav.privacy",
        ":material/privacy_tip:",
        "nav.section.mine",
        EVERYONE,
    ),
    PageSpec(
        "account",
        "my_account.py",
        "nav.my_account",
        ":material/person:",
        "nav.section.mine",
        EVERYONE,
    ),
    PageSpec(
        "hr-overview",
        "hr_overview.py",
        "nav.hr_overview",
        ":material/groups:",
        "nav.section.hr",
        HR_AND_ADMIN,
    ),
    PageSpec(
        "conduct-rules",
        "conduct_rules.py",
        "nav.conduct_rules",
        ":material/gavel:",
        "nav.section.hr",
        HR_AND_ADMIN,
    ),
    PageSpec(
        "company-profile",
        "company_profile.py",
        "nav.company_profile",
        ":material/factory:",
        "nav.section.hr",
        HR_AND_ADMIN,
    ),
    PageSpec(
        "hr-scan",
        "hr_scan.py",
        "nav.hr_scan",
        ":material/manage_search:",
        "nav.section.hr",
        HR_AND_ADMIN,
    ),
    PageSpec(
        "admin-users",
        "admin_users.py",
        "nav.admin_users",
        ":material/manage_accounts:",
        "nav.section.admin",
        ADMIN_ONLY,
    ),
    PageSpec(
        "admin-import",
        "admin_import.py",
        "nav.admin_import",
        ":material/upload_file:",
        "nav.section.admin",
        ADMIN_ONLY,
    ),
    PageSpec(
        "admin-settings",
        "admin_settings.py",
        "nav.admin_settings",
        ":material/settings:",
        "nav.section.admin",
        ADMIN_ONLY,
    ),
    PageSpec(
        "audit-log",
        "audit_log.py",
        "nav.audit_log",
        ":material/history:",
        "nav.section.admin",
        ADMIN_ONLY,
    ),
    PageSpec(
        "admin-certificates",
        "admin_certificates.py",
        "training.admin_certificates.nav",
        ":material/verified:",
        "nav.section.admin",
        ADMIN_ONLY,
    ),
)

# Shown instead of the menu when nobody is signed in or a password must be changed.
FIRST_RUN = PageSpec(
    "first-run", "first_run.py", "nav.first_run", ":material/key:", "", frozenset()
)
SIGN_IN = PageSpec("sign-in", "sign_in.py", "nav.sign_in", ":material/login:", "", frozenset())
CHANGE_PASSWORD = PageSpec(
    "change-password",
    "change_password.py",
    "nav.change_password",
    ":material/password:",
    "",
    frozenset(),
)

_BY_URL = {spec.url_path: spec for spec in PAGES}


def pages_for_role(role: str) -> list[PageSpec]:
    """The pages `role` may open, in menu order (none for an unknown role)."""
    return [spec for spec in PAGES if role in spec.roles]


def may_open(user: User | None, url_path: str) -> bool:
    spec = _BY_URL.get(url_path)
    return user is not None and spec is not None and user.role in spec.roles


def gate_for(storage: Storage, user: User | None) -> PageSpec | None:
    """The one page to show instead of the menu, or None when the menu applies."""
    if user is not None and not pages_for_role(user.role):
        session.sign_out()  # an account without a known role gets nothing
        user = None
    if user is None:
        return FIRST_RUN if accounts.needs_first_run(storage) else SIGN_IN
    if session.must_change_password(user):
        return CHANGE_PASSWORD
    return None


def build_navigation(user: User | None, lang: str, *, gate: PageSpec | None) -> st.Page:
    """Register only the pages this user may open and return the one to run."""
    if gate is not None:
        # Every address of the app leads to the gate, so a bookmarked page shows the
        # gate instead of "page not found", and after sign-in the app opens that page
        # if the role allows it (otherwise the start page). The gate runs only its own
        # script under those addresses.
        shown = gate.page(lang, default=True)
        behind = [
            st.Page(gate.path, title=shown.title, url_path=spec.url_path, visibility="hidden")
            for spec in PAGES
        ]
        return st.navigation([shown, *behind], position="hidden")
    specs = pages_for_role(user.role) if user is not None else []
    sections: dict[str, list[st.Page]] = {}
    for index, spec in enumerate(specs):
        title = t(spec.section_key, lang)
        sections.setdefault(title, []).append(spec.page(lang, default=index == 0))
    return st.navigation(sections, expanded=True)
