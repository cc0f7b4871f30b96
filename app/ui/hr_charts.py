"""Altair charts for HR's aggregated figures: counts per label and per risk level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

# Colours from "none" to "high", readable for the common forms of colour blindness.
RISK_COLOURS: Mapping[str, str] = {
    "none": "#9e9e9e",
    "low": "#56b4e9",
    "medium": "#e69f00",
    "high": "#d55e00",
}


def label_chart(
    rows: Sequence[tuple[str, int]], *, count_title: str, label_title: str
) -> alt.Chart:
    """Horizontal bars, one per label (already translated), largest first."""
    frame = pd.DataFrame(rows, columns=["label", "count"])
    return (
        alt.Chart(frame)
        .mark_bar(color="#0072b2")
        .encode(
            x=alt.X("count:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("label:N", title=label_title, sort="-x", axis=alt.Axis(labelLimit=260)),
            tooltip=[
                alt.Tooltip("label:N", title=label_title),
                alt.Tooltip("count:Q", title=count_title),
            ],
        )
    )


def risk_chart(
    counts: Mapping[str, int], names: Mapping[str, str], *, count_title: str, risk_title: str
) -> alt.Chart:
    """Bars per risk level in the order none -> high, each in its own colour."""
    levels = list(RISK_COLOURS)
    frame = pd.DataFrame(
        [{"level": names[level], "count": counts.get(level, 0)} for level in levels]
    )
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                "level:N",
                title=risk_title,
                sort=[names[level] for level in levels],
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("count:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "level:N",
                scale=alt.Scale(
                    domain=[names[level] for level in levels],
                    range=[RISK_COLOURS[level] for level in levels],
                ),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("level:N", title=risk_title),
                alt.Tooltip("count:Q", title=count_title),
            ],
        )
    )
