"""The Streamlit application: pages, sign-in, accounts, storage and translations."""
