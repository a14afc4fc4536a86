"""What the learning tools look like at 80×24 (and the what-if branch at 120×40 too), in English and
Chinese: the tutorial, a scenario's first screen, the scenario list, a what-if branch beside its
original, the glossary, a review session's question.

Update after an intended change of look:
.venv/bin/python -m pytest tests/ui/test_learning_snapshots.py --snapshot-update
"""

import pytest

from tcptui.puzzle.scenario import find
from tcptui.ui.app import Opening, make_app
from tcptui.ui.prefs import DEFAULT_PREFS
from tcptui.ui.screens.exam_start import ExamOptions

from .helpers import app_for, keys, reviews_due

HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")
TUTORIAL = ("s", "a", "l", "c", "a", "c", "enter", "x", "s", "t", "r", "enter", "enter")


def _tutorial(lang):
    return make_app(DEFAULT_PREFS._replace(lang=lang), start="home", persist=False, opening=Opening(tutorial=True))


def _scenario(lang):
    return make_app(
        DEFAULT_PREFS._replace(lang=lang), start="play", persist=False, opening=Opening(scenario=find("reuse"))
    )


PHASES = {
    "tutorial-start": (_tutorial, ()),
    "tutorial-lost": (_tutorial, TUTORIAL[:8]),
    "tutorial-end": (_tutorial, TUTORIAL),
    "scenario-reuse": (_scenario, ()),
    "scenario-list": (lambda lang: app_for(start="home", lang=lang), ("n", "down", "down", "down")),
    "whatif-menu": (lambda lang: app_for(lang=lang), HANDSHAKE + ("left", "w")),
    "whatif": (lambda lang: app_for(lang=lang), HANDSHAKE + ("left", "w", "1")),
    "glossary": (lambda lang: app_for(lang=lang), ("G",)),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_phase(snap_compare, phase, lang):
    make, presses = PHASES[phase]

    async def play(pilot):
        await keys(pilot, *presses)

    assert snap_compare(make(lang), terminal_size=(80, 24), run_before=play)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_whatif_at_120x40(snap_compare, lang):
    async def play(pilot):
        await keys(pilot, *HANDSHAKE, "left", "w", "1", "s", "t", "r")

    assert snap_compare(app_for(lang=lang), terminal_size=(120, 40), run_before=play)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_review_question(snap_compare, lang, tmp_path):
    reviews_due(tmp_path)
    app = make_app(
        DEFAULT_PREFS._replace(lang=lang),
        start="exam",
        persist=False,
        data_dir=str(tmp_path),
        exam=ExamOptions(10, (), 4, review=True),
    )
    assert snap_compare(app, terminal_size=(80, 24))
