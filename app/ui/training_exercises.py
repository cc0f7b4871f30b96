"""The widgets of each exercise type and the feedback after an answer.

`ask` shows the exercise and returns the learner's answer on the click that submits
it; `show_feedback` shows what a graded answer earned. Grading and saving are the
caller's. Exercise texts come from the course content (trusted Markdown); post texts
are shown literally, because learners judge them character by character.
"""

from __future__ import annotations

import html

import streamlit as st

from app.i18n import t
from app.ui.text import escape_md, tm
from training import ChoiceAnswer, RewriteAnswer, Span, SpotAnswer, word_spans
from training.grading import (
    MAX_REWRITE_CHARS,
    Answer,
    ChoiceResult,
    ExerciseResult,
    MakeItSafeResult,
    ScenarioResult,
    SpotTheLeakResult,
)
from training.progress import RETRYABLE_TYPES
from training.schema import Exercise, MakeItSafe, SpotTheLeak, WhatDoYouDo

# Inline styles for the marked-up post after a spot-the-leak answer.
_FOUND_STYLE = "background-color:#c8e6c9;border-radius:3px;padding:0 2px"
_MISSED_STYLE = "background-color:#ffcdd2;border-radius:3px;padding:0 2px"
_FALSE_STYLE = "background-color:#e0e0e0;text-decoration:line-through;padding:0 2px"


def label_name(label: str, lang: str) -> str:
    return t(f"training.label.{label}", lang)


def takes_more_answers(exercise: Exercise) -> bool:
    """May the learner submit this exercise again within one attempt?"""
    return exercise.type in RETRYABLE_TYPES


def needs_scanner(exercise: Exercise) -> bool:
    return isinstance(exercise, SpotTheLeak | MakeItSafe)


def ask(
    exercise: Exercise, *, answered: bool, key: str, lang: str, previous: Answer | None
) -> Answer | None:
    """Show the exercise; returns the answer when the learner submits one on this run."""
    if isinstance(exercise, SpotTheLeak):
        return _ask_spot(exercise, answered=answered, key=key, lang=lang)
    if isinstance(exercise, MakeItSafe):
        return _ask_rewrite(exercise, key=key, lang=lang, previous=previous)
    if isinstance(exercise, WhatDoYouDo):
        return _ask_scenario(exercise, answered=answered, key=key, lang=lang)
    return _ask_choice(exercise, answered=answered, key=key, lang=lang)


def _post(text: str) -> None:
    with st.container(border=True):
        st.markdown(escape_md(text))


def _ask_choice(exercise, *, answered: bool, key: str, lang: str) -> Answer | None:
    st.markdown(exercise.question)
    if answered:
        return None
    options = list(range(len(exercise.options)))
    if exercise.type == "single_choice":
        choice = st.radio(
            t("training.exercise.pick_one", lang),
            options,
            index=None,
            format_func=lambda i: exercise.options[i].text,
            key=f"{key}.choice",
        )
        chosen = [] if choice is None else [choice]
    else:
        st.caption(t("training.exercise.pick_all", lang))
        chosen = [
            i for i in options if st.checkbox(exercise.options[i].text, key=f"{key}.option.{i}")
        ]
    if st.button(t("training.exercise.check", lang), key=f"{key}.submit", type="primary"):
        if not chosen:
            st.warning(t("training.exercise.choose_first", lang))
            return None
        return ChoiceAnswer(tuple(chosen))
    return None


def _ask_scenario(exercise: WhatDoYouDo, *, answered: bool, key: str, lang: str) -> Answer | None:
    st.info(exercise.scenario, icon=":material/theater_comedy:")
    st.markdown(f"**{exercise.question}**")
    if answered:
        return None
    choice = st.radio(
        t("training.exercise.pick_one", lang),
        list(range(len(exercise.choices))),
        index=None,
        format_func=lambda i: exercise.choices[i].text,
        key=f"{key}.choice",
    )
    if st.button(t("training.exercise.choose", lang), key=f"{key}.submit", type="primary"):
        if choice is None:
            st.warning(t("training.exercise.choose_first", lang))
            return None
        return ChoiceAnswer((choice,))
    return None


def _ask_spot(exercise: SpotTheLeak, *, answered: bool, key: str, lang: str) -> Answer | None:
    st.markdown(exercise.instruction)
    if answered:
        return None
    words = word_spans(exercise.post)
    _post(exercise.post)
    chosen = st.pills(
        t("training.exercise.mark_words", lang),
        list(range(len(words))),
        selection_mode="multi",
        # Pill labels render Markdown; the words must show exactly as posted.
        format_func=lambda i: escape_md(exercise.post[words[i].start : words[i].end]),
        key=f"{key}.words",
    )
    if st.button(t("training.exercise.check", lang), key=f"{key}.submit", type="primary"):
        if not chosen:
            st.warning(t("training.exercise.mark_first", lang))
            return None
        return SpotAnswer(tuple(Span(words[i].start, words[i].end) for i in sorted(chosen)))
    return None


def _ask_rewrite(
    exercise: MakeItSafe, *, key: str, lang: str, previous: Answer | None
) -> Answer | None:
    st.markdown(exercise.instruction)
    _post(exercise.post)
    start = previous.text if isinstance(previous, RewriteAnswer) else exercise.post
    text = st.text_area(
        t("training.exercise.rewrite", lang),
        value=start,
        max_chars=MAX_REWRITE_CHARS,
        height=140,
        key=f"{key}.text",
    )
    label = "training.exercise.check_again" if previous is not None else "training.exercise.scan"
    if st.button(t(label, lang), key=f"{key}.submit", type="primary"):
        return RewriteAnswer(text)
    return None


# --- feedback -----------------------------------------------------------------------------


def show_feedback(exercise: Exercise, result: ExerciseResult, answer: Answer, lang: str) -> None:
    if isinstance(result, ChoiceResult):
        _choice_feedback(result, lang)
    elif isinstance(result, ScenarioResult) and isinstance(exercise, WhatDoYouDo):
        _scenario_feedback(exercise, result, lang)
    elif isinstance(result, SpotTheLeakResult) and isinstance(exercise, SpotTheLeak):
        _spot_feedback(exercise, result, answer, lang)
    elif isinstance(result, MakeItSafeResult) and isinstance(exercise, MakeItSafe):
        _rewrite_feedback(exercise, result, lang)


def _score_line(score: float, passed: bool, lang: str) -> None:
    percent = round(score * 100)
    if passed:
        st.success(
            t("training.feedback.right", lang, score=percent), icon=":material/check_circle:"
        )
    elif score > 0:
        st.warning(t("training.feedback.partly", lang, score=percent), icon=":material/rule:")
    else:
        st.error(t("training.feedback.wrong", lang, score=percent), icon=":material/cancel:")


def _choice_feedback(result: ChoiceResult, lang: str) -> None:
    _score_line(result.score, result.passed, lang)
    for option in result.options:
        icon = ":material/check_circle:" if option.correct else ":material/cancel:"
        mine = t("training.feedback.your_choice", lang) if option.chosen else ""
        st.markdown(f"{icon} **{option.text}** {mine}\n\n{option.feedback}")


def _scenario_feedback(exercise: WhatDoYouDo, result: ScenarioResult, lang: str) -> None:
    if result.chosen is None:
        return
    _score_line(result.score, result.passed, lang)
    chosen = exercise.choices[result.chosen]
    st.markdown(f"{t('training.feedback.you_chose', lang)} **{chosen.text}**")
    st.markdown(chosen.consequence)
    if result.passed:
        return
    for index in result.right_choices:
        choice = exercise.choices[index]
        st.markdown(
            f"{t('training.feedback.better', lang)} **{choice.text}**\n\n{choice.consequence}"
        )


def marked_post_html(post: str, marks: list[tuple[int, int, str]]) -> str:
    """The post with styled stretches; every piece of post text is HTML-escaped."""
    pieces, at = [], 0
    for start, end, style in sorted(marks):
        if start < at:
            continue  # overlapping marks: the first one wins
        pieces.append(html.escape(post[at:start]))
        pieces.append(f'<span style="{style}">{html.escape(post[start:end])}</span>')
        at = end
    pieces.append(html.escape(post[at:]))
    return "".join(pieces).replace("\n", "<br>")


def _spot_feedback(
    exercise: SpotTheLeak, result: SpotTheLeakResult, answer: Answer, lang: str
) -> None:
    _score_line(result.score, result.passed, lang)
    st.markdown(t("training.feedback.found", lang, found=result.found, total=len(result.key)))
    marks = [(k.start, k.end, _FOUND_STYLE if k.found else _MISSED_STYLE) for k in result.key]
    marks += [(s.start, s.end, _FALSE_STYLE) for s in result.false_marks]
    with st.container(border=True):
        # Safe: marked_post_html escapes all post text; only the fixed <span> tags are markup.
        st.markdown(marked_post_html(exercise.post, marks), unsafe_allow_html=True)
    st.caption(t("training.feedback.legend", lang))
    for item in result.key:
        icon = ":material/check_circle:" if item.found else ":material/error:"
        source = t("training.feedback.by_scanner", lang) if item.explained_by_scanner else ""
        st.markdown(
            f"{icon} **{escape_md(item.phrase)}** ({label_name(item.label, lang)}): "
            f"{escape_md(item.explanation)} {source}"
        )
    for span in result.false_marks:
        st.markdown(
            tm("training.feedback.false_mark", lang, text=exercise.post[span.start : span.end])
        )
    if result.scanner_extra:
        st.markdown(t("training.feedback.scanner_extra", lang))
        for finding in result.scanner_extra:
            st.markdown(
                f"- **{escape_md(finding.text)}** ({label_name(finding.label, lang)}): "
                f"{escape_md(finding.explanation)}"
            )


def _rewrite_feedback(exercise: MakeItSafe, result: MakeItSafeResult, lang: str) -> None:
    if result.passed:
        st.success(result.message, icon=":material/check_circle:")
    else:
        st.error(result.message, icon=":material/cancel:")
        for problem in result.problems[1:]:
            st.markdown(f"- {escape_md(problem)}")
    if result.remaining:
        st.markdown(t("training.feedback.still_found", lang))
        for finding in result.remaining:
            st.markdown(
                f"- **{escape_md(finding.text)}** ({label_name(finding.label, lang)}): "
                f"{escape_md(finding.explanation)}"
            )
    with st.expander(t("training.feedback.example", lang)):
        st.markdown(escape_md(exercise.example_answer))
