"""Entry points the command line calls: they import Textual only now, when a screen is wanted."""

from __future__ import annotations


def _prefs(args):
    from .prefs import load_prefs

    prefs = load_prefs()
    return prefs.merged(lang=getattr(args, "explicit_lang", None), replies=getattr(args, "replies", None),
                        numbers=getattr(args, "numbers", None), profile=getattr(args, "profile", None))


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
