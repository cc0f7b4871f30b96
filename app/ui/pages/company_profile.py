"""HR: the company profile the scanner uses; every save is a new version."""

import pandas as pd
import streamlit as st

from app.i18n import t
from app.ui import components, hr_profile
from app.ui.text import escape_md, tm
from exposure.profile import ProfileError

ctx = components.page_context("company-profile")
lang, actor, storage = ctx.lang, ctx.user, ctx.storage

FORM_PREFIX = "hr_profile."
MAX_UPLOAD_MB = 1


def forget_form() -> None:
    """Drop what was typed, so the form shows the version just saved or restored."""
    for key in [k for k in st.session_state if str(k).startswith(FORM_PREFIX)]:
        del st.session_state[key]


def save(profile, done_key: str) -> None:
    version = storage.save_profile(actor, hr_profile.profile_document(profile))
    forget_form()
    components.flash("success", t(done_key, lang, version=version))
    st.rerun()


def when(moment) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


st.title(t("hr.profile.title", lang))
st.markdown(t("hr.profile.intro", lang))

current = hr_profile.current_company_profile(storage)
profile = current.profile
if current.is_sample:
    st.info(t("hr.profile.using_sample", lang), icon=":material/info:")
else:
    st.caption(
        tm(
            "hr.profile.current_version",
            lang,
            version=current.version,
            saved_at=when(current.saved_at),
            saved_by=current.saved_by or "-",
        )
    )

with st.form("hr_profile.form"):
    terms: dict[str, str] = {}
    for name in hr_profile.TERM_FIELDS:
        terms[name] = st.text_area(
            t(f"hr.profile.field.{name}", lang),
            value=hr_profile.text_from_terms(getattr(profile, name)),
            help=t(f"hr.profile.help.{name}", lang),
            max_chars=hr_profile.MAX_FIELD_CHARS,
            height=120,
            key=f"{FORM_PREFIX}{name}",
        )

    st.markdown(f"**{t('hr.profile.field.reporting_contacts', lang)}**")
    st.caption(t("hr.profile.help.reporting_contacts", lang))
    rows = []
    for index, row in enumerate(hr_profile.contact_rows(profile)):
        columns = st.columns(len(hr_profile.CONTACT_FIELDS))
        rows.append(
            {
                name: column.text_input(
                    t(f"hr.profile.contact.{name}", lang),
                    value=row[name],
                    max_chars=200,
                    key=f"{FORM_PREFIX}contact.{index}.{name}",
                    label_visibility="visible" if index == 0 else "collapsed",
                )
                for column, name in zip(columns, hr_profile.CONTACT_FIELDS, strict=True)
            }
        )

    min_group = st.number_input(
        t("hr.profile.field.min_group_size", lang),
        min_value=5,
        max_value=hr_profile.MIN_GROUP_CEILING,
        value=profile.min_group_size,
        step=1,
        help=t("hr.profile.help.min_group_size", lang, setting=storage.min_group_size()),
        key=f"{FORM_PREFIX}min_group_size",
    )
    submitted = st.form_submit_button(
        t("hr.profile.save", lang), type="primary", icon=":material/save:"
    )

if submitted:
    try:
        checked = hr_profile.profile_from_form(terms, rows, int(min_group))
    except hr_profile.ProfileFormError as exc:
        st.error(t("hr.profile.not_saved", lang))
        for problem in exc.problems:
            st.markdown(
                "- "
                + tm(
                    problem.key,
                    lang,
                    field=t(f"hr.profile.field.{problem.field}", lang),
                    **problem.params,
                )
            )
    else:
        save(checked, "hr.profile.saved")

st.caption(t("hr.profile.group_note", lang, effective=hr_profile.min_group_size(storage, profile)))

st.divider()
st.subheader(t("hr.profile.versions_title", lang))
versions = storage.list_profile_versions()
if not versions:
    st.caption(t("hr.profile.no_versions", lang))
else:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("hr.profile.version", lang): version.version,
                    t("hr.profile.saved_at", lang): when(version.saved_at),
                    t("hr.profile.saved_by", lang): version.saved_by or "",
                }
                for version in versions
            ]
        ),
        hide_index=True,
        key="hr_profile_versions.table",
    )
    chosen = st.selectbox(
        t("hr.profile.view_version", lang),
        options=[version.version for version in versions],
        key="hr_profile_versions.chosen",
    )
    older = next(version for version in versions if version.version == chosen)
    st.code(
        hr_profile.profile_yaml_text(older.document),
        language="yaml",
    )
    if older.version != versions[0].version and st.button(
        t("hr.profile.restore", lang, version=older.version),
        icon=":material/restore:",
        key="hr_profile_versions.restore",
    ):
        try:
            restored = hr_profile.profile_from_document(older.document)
        except ProfileError as exc:
            st.error(escape_md(str(exc)))
        else:
            save(restored, "hr.profile.restored")

st.divider()
st.subheader(t("hr.profile.file_title", lang))
st.markdown(t("hr.profile.file_intro", lang))
st.download_button(
    t("hr.profile.download", lang),
    data=hr_profile.profile_yaml(profile),
    file_name="company-profile.yaml",
    mime="application/x-yaml",
    on_click="ignore",
    icon=":material/download:",
    key="hr_profile_file.download",
)
uploaded = st.file_uploader(
    t("hr.profile.upload", lang),
    type=["yaml", "yml"],
    max_upload_size=MAX_UPLOAD_MB,
    key="hr_profile_file.upload",
)
if st.button(
    t("hr.profile.upload_save", lang),
    disabled=uploaded is None,
    icon=":material/upload:",
    key="hr_profile_file.save",
):
    try:
        loaded = hr_profile.profile_from_upload(uploaded.name, uploaded.getvalue())
    except ProfileError as exc:
        st.error(escape_md(str(exc)))
    else:
        save(loaded, "hr.profile.uploaded")
