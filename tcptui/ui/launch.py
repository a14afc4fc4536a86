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


def run_home(args) -> int:
    """`tcptui` alone: the home screen."""
    if (status := need_terminal("tcptui", args.lang)) is not None:
        return status
    from .app import make_app

    session, saved = _prefs(args)
    return make_app(session, start="home", saved_prefs=saved).run() or 0


def run_play(args) -> int:
    """`tcptui play`: straight into the sandbox; `--resume` reopens the last game, `--moves FILE` a moves file."""
    if (status := need_terminal("tcptui play", args.lang)) is not None:
        return status
    game = None
    if args.resume or args.moves:
        from ..games import last_game_path, read_game
        from ..text import ui

        path = args.moves or last_game_path()
        try:
            game = read_game(path)
        except FileNotFoundError:
            message = ui("play.no-last-game", args.lang, path=path) if args.resume else f"{path}: no such file"
            sys.stderr.write(f"tcptui play: {message}\n")
            return 2
        except (OSError, ValueError, UnicodeDecodeError) as e:
            sys.stderr.write(f"tcptui play: {getattr(e, 'strerror', None) and f'{path}: {e.strerror}' or e}\n")
            return 2
    from .app import make_app

    session, saved = _prefs(args)
    return make_app(session, start="play", seed=args.seed or 0, resume=game, saved_prefs=saved).run() or 0


def run_exam(args) -> int:
    """`tcptui exam [--minutes N] [--topic §…] [--seed N] [--data-dir DIR]`: the exam's start screen."""
    if (status := need_terminal("tcptui exam", args.lang)) is not None:
        return status
    import time

    from .app import make_app
    from .screens.exam_start import ExamOptions

    seed = args.seed if args.seed is not None else int(time.time())
    options = ExamOptions(args.minutes, tuple(args.topic or ()), seed)
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
