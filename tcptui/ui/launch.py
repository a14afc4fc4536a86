"""Entry points the command line calls: they import Textual only now, when a screen is wanted.

Each checks first that there is a terminal to draw on (else one line and exit 2). The options
given on the command line hold for this session only: the app gets the saved preferences too, and
saves only what the player changes."""

from __future__ import annotations

import sys

from .terminal import need_terminal


def _prefs(args):
    """(this session's preferences, the saved ones)."""
    from .prefs import load_prefs

    saved = load_prefs()
    session = saved.merged(
        lang=getattr(args, "explicit_lang", None),
        replies=getattr(args, "replies", None),
        numbers=getattr(args, "numbers", None),
        profile=getattr(args, "profile", None),
    )
    return session, saved


def _first_run() -> bool:
    """Has the tutorial never been opened (from this data directory)?"""
    from .saved import tutorial_seen

    return not tutorial_seen()


def run_home(args) -> int:
    """`tcptui` alone: the home screen (the tutorial first, the very first time)."""
    if (status := need_terminal("tcptui", args.lang)) is not None:
        return status
    from .app import Opening, make_app

    session, saved = _prefs(args)
    opening = Opening(tutorial=_first_run())
    return make_app(session, start="home", saved_prefs=saved, opening=opening).run() or 0


def run_play(args) -> int:
    """`tcptui play`: straight into the sandbox — or what tcptui.commands.play loaded from the command
    line (a kept game or moves file, a scenario, a puzzle file); the tutorial first, the very first time."""
    if (status := need_terminal("tcptui play", args.lang)) is not None:
        return status
    from .app import Opening, make_app

    scenario, puzzle = getattr(args, "scenario_start", None), getattr(args, "puzzle_start", None)
    game = getattr(args, "game_file", None)
    plain = scenario is None and puzzle is None and game is None
    opening = Opening(scenario, puzzle, bool(getattr(args, "auto", False)), plain and _first_run())
    session, saved = _prefs(args)
    return (
        make_app(session, start="play", seed=args.seed or 0, resume=game, saved_prefs=saved, opening=opening).run() or 0
    )


def run_exam(args) -> int:
    """`tcptui exam [--minutes N] [--topic §…] [--seed N] [--data-dir DIR]`: the exam's start screen."""
    if (status := need_terminal("tcptui exam", args.lang)) is not None:
        return status
    import time

    from .app import make_app
    from .screens.exam_start import ExamOptions

    seed = args.seed if args.seed is not None else int(time.time())
    options = ExamOptions(args.minutes, tuple(args.topic or ()), seed, bool(getattr(args, "review", False)))
    session, saved = _prefs(args)
    return make_app(session, start="exam", data_dir=args.data_dir, exam=options, saved_prefs=saved).run() or 0


def run_replay(args, loaded) -> int:
    """`tcptui replay CAPTURE` on a terminal: the capture's connections (or the one --conn names),
    already read (capture.browse.Loaded), packet by packet."""
    from .app import make_app
    from .prefs import load_prefs

    saved = load_prefs()
    prefs = saved.merged(lang=getattr(args, "explicit_lang", None))  # --profile is the replay's, not the game's
    make_app(prefs, start="replay", capture=(loaded, args.conn), saved_prefs=saved).run()
    return 0


def run_lab(args, sysctls: dict) -> int:
    """`tcptui lab` without moves: the play screen in lab mode (tcptui.commands.lab checked first
    that the lab can run here). What --report and the other outputs could not write when the lab
    was left is said after the screen is gone, one line each (exit 2)."""
    if (status := need_terminal("tcptui lab", args.lang, "lab.terminal-needed")) is not None:
        return status
    from .app import make_app
    from .prefs import load_prefs
    from .screens.lab import LabOptions

    saved = load_prefs()
    prefs = saved.merged(lang=getattr(args, "explicit_lang", None))  # --profile is the lab's, not the sandbox's
    app = make_app(prefs, start="lab", saved_prefs=saved, lab=LabOptions(sysctls, args.rto_min, args))
    app.run()
    for error in app.lab_errors:
        sys.stderr.write(f"tcptui lab: {error}\n")
    return 2 if app.lab_errors else 0
