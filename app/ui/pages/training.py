"""Training: the modules with their status, one module step by step, the certificate."""

import streamlit as st

from app.i18n import t
from app.ui import components, training_course, training_overview, training_walk
from app.ui.text import tm
from training import ContentError

ctx = components.page_context("training")
lang, storage, user = ctx.lang, ctx.storage, ctx.user

st.title(t("training.title", lang))
try:
    modules = training_course.course_modules()
except ContentError as exc:
    st.error(t("training.content_invalid", lang))
    st.code(str(exc), language=None)
    st.stop()

loaded = training_course.load_progress(storage, user, modules)
for module in modules:
    if module.id in loaded.unreadable:
        st.warning(tm("training.progress_unreadable", lang, module=module.title(lang)))

opened = next((m for m in modules if m.id == training_walk.opened_module_id()), None)
if opened is not None:
    training_walk.show_module(storage, user, lang, opened, loaded.progress)
else:
    st.markdown(t("training.intro", lang))
    training_overview.show_modules(storage, user, lang, modules, loaded.progress)
    training_overview.show_certificate(storage, user, lang, modules, loaded.progress)
    training_overview.show_history(lang, modules, loaded.progress)
