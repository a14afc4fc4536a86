"""Entry points the command line calls: they import Textual only now, when a screen is wanted."""

from __future__ import annotations


def _prefs(args):
    from .prefs import load_prefs

    prefs = load_prefs()
    return prefs.merged(
        lang=getattr(args, "explicit_lang", None),
        replies=getattr(args, "replies", None),
        numbers=getattr(args, "numbers", None),
        profile=getattr(args, "profile", None),
    )


def run_home(args) -> int:
    """`tcptui` alone: the home screen."""
    from .app import make_app

    make_app(_prefs(args), start="home").run()
    return 0


def run_play(args) -> int:
    """`tcptui play`: straight into the sandbox."""
    from .app import make_app

    make_app(_prefs(args), start="play", seed=args.seed or 0).run()
    return 0


def run_exam(args) -> int:
    """`tcptui exam [--minutes N] [--topic §…] [--seed N] [--data-dir DIR]`: the exam's start screen."""
    import time

    from .app import make_app
    from .screens.exam_start import ExamOptions

    seed = args.seed if args.seed is not None else int(time.time())
    options = ExamOptions(args.minutes, tuple(args.topic or ()), seed)
    make_app(_prefs(args), start="exam", data_dir=args.data_dir, exam=options).run()
    return 0


def run_replay(args, loaded) -> int:
    """`tcptui replay CAPTURE` on a terminal: the capture's connections (or the one --conn names),
    already read (capture.browse.Loaded), packet by packet."""
    from .app import make_app
    from .prefs import load_prefs

    prefs = load_prefs().merged(lang=getattr(args, "explicit_lang", None))  # --profile is the replay's, not the game's
    make_app(prefs, start="replay", capture=(loaded, args.conn)).run()
    return 0
