"""Entry point: `streamlit run streamlit_app.py`.

Builds the navigation from the signed-in user's role; everything else lives in app/ui/.
"""

import streamlit as st

from app.i18n import t
from app.ui import components, navigation, notices_rules, notices_training, services, session

storage = services.storage_or_stop(session.lang(None))
user = session.current_user(storage)
gate = navigation.gate_for(storage, user)
if gate in (navigation.FIRST_RUN, navigation.SIGN_IN):
    user = None  # gate_for may have signed out an account it cannot serve
lang = session.lang(user)

st.set_page_config(page_title=t("app.title", lang), page_icon=":material/shield_person:")
page = navigation.build_navigation(user, lang, gate=gate)
if gate is None and user is not None:
    components.sidebar(storage, user, lang)
    notices_training.show_training_notices(storage, user, lang)
    notices_rules.show_pending_prompt(storage, user, lang, page.url_path)
components.show_flashes()
page.run()
