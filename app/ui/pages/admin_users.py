"""Admin: list accounts, create one, change its role, (de)activate it, reset its password."""

import pandas as pd
import streamlit as st

from app import accounts
from app.accounts import ROLES, AccountError
from app.i18n import LANGS, t
from app.ui import components
from app.ui.components import LANGUAGE_NAMES
from app.ui.text import tm

ctx = components.page_context("admin-users")
lang, actor, storage = ctx.lang, ctx.user, ctx.storage
_SHOW_ONCE = "admin_users.show_once"


def role_name(role: str) -> str:
    return t(f"role.{role}", lang)


def keep_secret(password: str, user_label: str) -> None:
    # Shown on the next run only, then dropped from the session.
    st.session_state[_SHOW_ONCE] = (password, user_label)
    st.rerun()


st.set_page_config(layout="wide")
st.title(t("admin_users.title", lang))
secret = st.session_state.pop(_SHOW_ONCE, None)
if secret is not None:
    components.one_time_password(secret[0], who=secret[1], lang=lang, key="one-time-password")

users = storage.list_users()
table = pd.DataFrame(
    [
        {
            t("common.name", lang): u.name,
            t("common.email", lang): u.email,
            t("common.role", lang): role_name(u.role),
            t("common.department", lang): u.department or "",
            t("admin_users.active", lang): u.active,
            t("admin_users.must_change", lang): u.must_change_password,
            t("admin_users.last_sign_in", lang): u.last_login_at,
        }
        for u in users
    ]
)
st.dataframe(table, hide_index=True, key="admin_users.table")

st.subheader(t("admin_users.create_title", lang))
st.caption(t("admin_users.create_hint", lang))
with st.form("admin_users.create", clear_on_submit=False):
    name = st.text_input(t("common.name", lang), key="admin_users.new_name", max_chars=200)
    email = st.text_input(t("common.email", lang), key="admin_users.new_email", max_chars=320)
    department = st.text_input(
        t("common.department", lang), key="admin_users.new_department", max_chars=200
    )
    role = st.selectbox(
        t("common.role", lang), ROLES, format_func=role_name, key="admin_users.new_role"
    )
    new_lang = st.selectbox(
        t("common.language", lang),
        LANGS,
        format_func=LANGUAGE_NAMES.__getitem__,
        key="admin_users.new_lang",
    )
    create = st.form_submit_button(t("admin_users.create_submit", lang), type="primary")

if create:
    try:
        created, password = accounts.create_user(
            storage,
            actor,
            email=email,
            name=name,
            role=role,
            department=department.strip() or None,
            lang=new_lang,
        )
    except AccountError as exc:
        components.show_account_error(exc, lang)
    else:
        if password is not None:
            keep_secret(password, f"{created.name} <{created.email}>")

st.subheader(t("admin_users.manage_title", lang))
if users:
    by_id = {u.id: u for u in users}
    chosen_id = st.selectbox(
        t("admin_users.choose", lang),
        list(by_id),
        format_func=lambda uid: t(
            "admin_users.choice",
            lang,
            name=by_id[uid].name,
            email=by_id[uid].email,
            role=role_name(by_id[uid].role),
            state=t("admin_users.active" if by_id[uid].active else "admin_users.inactive", lang),
        ),
        key="admin_users.chosen",
    )
    chosen = by_id[chosen_id]
    role_col, active_col, reset_col = st.columns(3, vertical_alignment="bottom")
    with role_col:
        new_role = st.selectbox(
            t("common.role", lang),
            ROLES,
            index=ROLES.index(chosen.role) if chosen.role in ROLES else 0,
            format_func=role_name,
            key=f"admin_users.role.{chosen.id}",
        )
        if st.button(t("admin_users.set_role", lang), key="admin_users.set_role"):
            try:
                accounts.set_role(storage, actor, chosen.id, new_role)
            except AccountError as exc:
                components.show_account_error(exc, lang)
            else:
                components.flash("success", tm("admin_users.role_changed", lang, who=chosen.email))
                st.rerun()
    with active_col:
        label = (
            t("admin_users.deactivate", lang) if chosen.active else t("admin_users.activate", lang)
        )
        if st.button(label, key="admin_users.toggle_active"):
            try:
                accounts.set_active(storage, actor, chosen.id, not chosen.active)
            except AccountError as exc:
                components.show_account_error(exc, lang)
            else:
                done = (
                    tm("admin_users.deactivated", lang, who=chosen.email)
                    if chosen.active
                    else tm("admin_users.activated", lang, who=chosen.email)
                )
                components.flash("success", done)
                st.rerun()
    with reset_col:
        if st.button(t("admin_users.reset_password", lang), key="admin_users.reset"):
            try:
                password = accounts.reset_password(storage, actor, chosen.id)
            except AccountError as exc:
                components.show_account_error(exc, lang)
            else:
                keep_secret(password, f"{chosen.name} <{chosen.email}>")
