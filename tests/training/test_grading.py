"""Grading of every exercise type, partial answers included, with the real scanner."""

from __future__ import annotations

import pytest

from training.grading import (
    ChoiceAnswer,
    RewriteAnswer,
    Span,
    SpotAnswer,
    answer_from_dict,
    answer_to_dict,
    grade,
    grade_choice,
    grade_make_it_safe,
    grade_scenario,
    grade_spot_the_leak,
    normalise_selections,
    spans_from_phrases,
    word_spans,
)
from training.schema import MultipleChoice, SingleChoice, SpotTheLeak, WhatDoYouDo

SINGLE = SingleChoice(
    id="q-single",
    type="single_choice",
    question="Wie bel je bij spoed?",
    options=[
        {"text": "112", "correct": True, "feedback": "Goed."},
        {"text": "0900-8844", "feedback": "Geen spoednummer."},
        {"text": "0800-7000", "feedback": "Niet voor spoed."},
    ],
)
MULTIPLE = MultipleChoice(
    id="q-multi",
    type="multiple_choice",
    question="Wat schrijf je op?",
    options=[
        {"text": "kenteken", "correct": True, "feedback": "Ja."},
        {"text": "tijdstip", "correct": True, "feedback": "Ja."},
        {"text": "plaats", "correct": True, "feedback": "Ja."},
        {"text": "je mening", "feedback": "Nee."},
    ],
)
POST = "Nachtdienst bij Noordchem, tot 06:00 alleen. Camera bij poort 3 is kapot. Groetjes!"
SPOT = SpotTheLeak(
    id="s-1",
    type="spot_the_leak",
    instruction="Markeer.",
    post=POST,
    key=[
        {"phrase": "Nachtdienst", "label": "SCHEDULE", "why": "rooster"},
        {"phrase": "Noordchem", "label": "ORG", "why": "werkgever"},
        {"phrase": "tot 06:00 alleen", "label": "SCHEDULE", "why": "alleen"},
        {"phrase": "Camera bij poort 3 is kapot", "label": "SECURITY", "why": "zwakke plek"},
    ],
)
SCENARIO = WhatDoYouDo(
    id="w-1",
    type="what_do_you_do",
    scenario="Iemand vraagt je pas.",
    question="Wat doe je?",
    choices=[
        {"text": "Ja", "right": False, "consequence": "Je zit vast."},
        {"text": "Nee en melden", "right": True, "consequence": "Goed."},
    ],
)


def _span(phrase: str, text: str = POST) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase))


# --- choice --------------------------------------------------------------------------------


def test_single_choice_right_and_wrong_with_feedback_per_option():
    right = grade_choice(SINGLE, [0])
    wrong = grade_choice(SINGLE, [2])
    assert (right.score, right.passed) == (1.0, True)
    assert (wrong.score, wrong.passed) == (0.0, False)
    chosen = [o for o in wrong.options if o.chosen]
    assert chosen[0].feedback == "Niet voor spoed." and not chosen[0].correct
    assert [o.feedback for o in wrong.options] == [o.feedback for o in SINGLE.options]


def test_single_choice_refuses_two_answers_and_unknown_options():
    with pytest.raises(ValueError):
        grade_choice(SINGLE, [0, 1])
    with pytest.raises(ValueError):
        grade_choice(SINGLE, [7])


def test_multiple_choice_gives_partial_credit_and_penalises_wrong_picks():
    assert grade_choice(MULTIPLE, [0, 1, 2]).score == 1.0
    assert grade_choice(MULTIPLE, [0, 1]).score == pytest.approx(2 / 3)
    assert grade_choice(MULTIPLE, [0, 1, 3]).score == pytest.approx(1 / 3)
    assert grade_choice(MULTIPLE, [0, 3]).score == 0.0
    assert grade_choice(MULTIPLE, [0, 1, 2, 3]).passed is False
    assert grade_choice(MULTIPLE, []).score == 0.0


def test_scenario_returns_the_consequence_of_the_choice():
    wrong = grade_scenario(SCENARIO, 0)
    right = grade_scenario(SCENARIO, 1)
    assert (wrong.score, wrong.consequence) == (0.0, "Je zit vast.")
    assert (right.score, right.passed) == (1.0, True)
    assert wrong.right_choices == (1,)
    assert grade_scenario(SCENARIO, None).score == 0.0


# --- spot the leak -------------------------------------------------------------------------


def test_spot_the_leak_all_phrases_found_is_full_marks():
    result = grade_spot_the_leak(SPOT, [_span(k.phrase) for k in SPOT.key])
    assert (result.score, result.passed, result.found) == (1.0, True, 4)
    assert result.false_marks == ()


def test_spot_the_leak_gives_partial_credit():
    result = grade_spot_the_leak(SPOT, [_span("Noordchem"), _span("poort 3 is kapot")])
    assert result.found == 2
    assert result.score == pytest.approx(2 / 4)
    assert not result.passed
    missed = {k.phrase for k in result.key if not k.found}
    assert missed == {"Nachtdienst", "tot 06:00 alleen"}


def test_marking_less_than_half_a_phrase_does_not_find_it():
    result = grade_spot_the_leak(SPOT, [_span("Camera")])
    security = next(k for k in result.key if k.label == "SECURITY")
    assert not security.found


def test_false_marks_cost_the_share_of_harmless_words_marked():
    # The harmless words of POST are "bij" and "Groetjes".
    marks = [_span(k.phrase) for k in SPOT.key] + [_span("Groetjes")]
    result = grade_spot_the_leak(SPOT, marks)
    assert result.false_marks == (_span("Groetjes"),)
    assert result.score == pytest.approx(1 - 1 / 2)
    assert not result.passed


def test_marking_the_whole_post_does_not_pay():
    result = grade_spot_the_leak(SPOT, [Span(0, len(POST))])
    assert result.score == 0.0
    assert not result.passed


def test_marking_the_whole_of_a_shipped_post_does_not_pay(modules):
    for module in modules:
        for exercise in module.exercises["nl"]:
            if exercise.type == "spot_the_leak":
                result = grade_spot_the_leak(exercise, [Span(0, len(exercise.post))])
                assert result.score == 0.0, exercise.id


def test_a_mark_that_is_mostly_harmless_finds_nothing():
    mark = Span(POST.index("bij"), POST.index("Noordchem") + 1)  # "bij N"
    result = grade_spot_the_leak(SPOT, [mark])
    assert result.false_marks == (mark,)
    assert result.found == 0


def test_words_marked_one_by_one_count_as_one_mark():
    words = [s for s in word_spans(POST) if POST[s.start : s.end] in ("tot", "06:00", "alleen")]
    assert len(normalise_selections(POST, words)) == 1
    result = grade_spot_the_leak(SPOT, words)
    assert next(k for k in result.key if k.phrase == "tot 06:00 alleen").found
    assert result.false_marks == ()


def test_typed_phrases_become_spans_case_insensitively():
    spans = spans_from_phrases(POST, ["noordchem", "CAMERA BIJ POORT 3 IS KAPOT", "niet aanwezig"])
    assert [POST[s.start : s.end] for s in spans] == ["Noordchem", "Camera bij poort 3 is kapot"]


def test_missed_phrase_without_scanner_is_explained_by_the_answer_key():
    result = grade_spot_the_leak(SPOT, [])
    assert all(
        k.explanation == next(x.why for x in SPOT.key if x.phrase == k.phrase) for k in result.key
    )
    assert not any(k.explained_by_scanner for k in result.key)


def test_missed_phrase_is_explained_by_the_scanner(scanners):
    result = grade_spot_the_leak(SPOT, [], scanners["nl"])
    findings = scanners["nl"].scan_text(POST, lang="nl").findings
    org = next(k for k in result.key if k.phrase == "Noordchem")
    scanner_org = next(f for f in findings if f.start <= org.start < f.end)
    assert org.explained_by_scanner
    assert org.explanation == scanner_org.explanation


def test_shipped_spot_exercises_are_solvable_from_their_own_key(modules):
    for module in modules:
        for lang in ("nl", "en"):
            for exercise in module.exercises[lang]:
                if exercise.type == "spot_the_leak":
                    phrases = [k.phrase for k in exercise.key]
                    spans = spans_from_phrases(exercise.post, phrases)
                    assert grade_spot_the_leak(exercise, spans).passed, exercise.id


# --- make it safe --------------------------------------------------------------------------


def _make_it_safe_exercises(modules):
    for module in modules:
        for lang in ("nl", "en"):
            for exercise in module.exercises[lang]:
                if exercise.type == "make_it_safe":
                    yield exercise


def test_shipped_risky_posts_fail_and_example_answers_pass(modules, scanners):
    exercises = list(_make_it_safe_exercises(modules))
    assert exercises
    for exercise in exercises:
        scanner = scanners[exercise.lang]
        original = grade_make_it_safe(exercise, exercise.post, scanner)
        assert not original.passed, exercise.id
        assert original.risk in ("medium", "high"), exercise.id
        assert original.remaining, exercise.id
        example = grade_make_it_safe(exercise, exercise.example_answer, scanner)
        assert example.passed, (exercise.id, example.problems)
        assert example.risk in ("none", "low")


def test_empty_or_unrelated_rewrites_do_not_pass(modules, scanners):
    exercise = next(e for e in _make_it_safe_exercises(modules) if e.lang == "nl")
    scanner = scanners["nl"]
    empty = grade_make_it_safe(exercise, "   ", scanner)
    assert not empty.passed and empty.risk is None
    unrelated = grade_make_it_safe(exercise, "Lekker weer vandaag, ik ga fietsen.", scanner)
    assert not unrelated.passed
    assert any("hetzelfde onderwerp" in p for p in unrelated.problems)
    short = grade_make_it_safe(exercise, exercise.topic_words[0], scanner)
    assert not short.passed
    assert any("te kort" in p for p in short.problems)


def test_rewrite_that_keeps_a_weak_spot_lists_what_remains(modules, scanners):
    scanner = scanners["en"]
    exercise = next(
        e
        for e in _make_it_safe_exercises(modules)
        if e.id == "m4-safe-night-shift" and e.lang == "en"
    )
    rewrite = "Long night shift again. The camera at gate 3 still isn't working!"
    result = grade_make_it_safe(exercise, rewrite, scanner)
    assert not result.passed
    assert result.risk in ("medium", "high")
    assert {f.label for f in result.remaining} & {"SECURITY", "SITE"}
    assert "still rates" in result.message


# --- any exercise --------------------------------------------------------------------------


def test_grade_dispatches_on_the_answer_kind(scanners):
    assert grade(SINGLE, ChoiceAnswer((0,))).score == 1.0
    assert grade(SCENARIO, ChoiceAnswer((1,))).passed
    assert grade(SPOT, SpotAnswer((_span("Noordchem"),))).found == 1
    with pytest.raises(ValueError):
        grade(SPOT, RewriteAnswer("tekst"), scanners["nl"])
    with pytest.raises(ValueError):
        grade(SCENARIO, ChoiceAnswer((0, 1)))


def test_answers_survive_a_round_trip_and_malformed_ones_are_refused():
    for answer in (ChoiceAnswer((0, 2)), SpotAnswer((Span(1, 4),)), RewriteAnswer("nieuw")):
        assert answer_from_dict(answer_to_dict(answer)) == answer
    for bad in (
        None,
        {"kind": "choice", "selected": "0"},
        {"kind": "spans", "selections": [[1]]},
        {"kind": "spans", "selections": [[True, 2]]},
        {"kind": "weird"},
    ):
        with pytest.raises(ValueError):
            answer_from_dict(bad)
