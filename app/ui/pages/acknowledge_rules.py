"""Everyone: read the latest published conduct rules and confirm having read them."""

import streamlit as st

from app.i18n import t
from app.ui import components, rules_store, rules_view
from app.ui.text import tm

ctx = components.page_context("conduct-rules-acknowledge")
lang, user, storage = ctx.lang, ctx.user, ctx.storage

st.title(t("rules.ack.title", lang))
ruleset = rules_store.latest_published(storage)
if ruleset is None:
    st.info(t("rules.ack.none_yet", lang), icon=":material/info:")
    st.stop()

rules_view.render_header(ruleset, lang)
acknowledged = storage.has_acknowledged(user, ruleset.version)
if acknowledged:
    st.success(t("rules.ack.done", lang, version=ruleset.version), icon=":material/task_alt:")
else:
    st.warning(t("rules.ack.please_read", lang, version=ruleset.version), icon=":material/info:")
st.markdown(t("rules.ack.intro", lang))

rules_view.render_rules(ruleset, lang)

st.divider()
if not acknowledged:
    read = st.checkbox(
        tm("rules.ack.confirm", lang, version=ruleset.version), key="acknowledge_rules.read"
    )
    if st.button(
        t("rules.ack.submit", lang),
        type="primary",
        disabled=not read,
        icon=":material/task_alt:",
        key="acknowledge_rules.submit",
    ):
        storage.acknowledge_ruleset(user, ruleset.version)
        components.flash("success", t("rules.ack.thanks", lang, version=ruleset.version))
        st.rerun()
st.caption(t("rules.ack.copy", lang))
rules_view.export_buttons(ruleset, lang, key="acknowledge_rules.export")
