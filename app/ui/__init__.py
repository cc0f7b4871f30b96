"""Streamlit user interface: sign-in, navigation, shared components and the pages."""
