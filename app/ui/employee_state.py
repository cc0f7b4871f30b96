"""Names of what the employee pages keep in this browser session, and how to drop it.

Only results the employee is looking at live here (memory of this session, never
disk); "delete my data" clears them together with the stored data.
"""

from __future__ import annotations

import streamlit as st

SELF_CHECK_LAST = "employee.self_check.last"
PHOTO_ANALYSIS = "employee.photo.analysis"
EXPOSURE_JOB = "employee.exposure.job"
EXPOSURE_NOTICES = "employee.exposure.notices"
CONFIRM_DELETE = "employee.delete.asked"

_SESSION_RESULTS = (SELF_CHECK_LAST, PHOTO_ANALYSIS, EXPOSURE_NOTICES, CONFIRM_DELETE)


def forget_results() -> None:
    """Drop every result of the employee pages held in this session; stop a running job."""
    job = st.session_state.pop(EXPOSURE_JOB, None)
    if job is not None and hasattr(job, "cancel"):
        job.cancel()
    for key in _SESSION_RESULTS:
        st.session_state.pop(key, None)
