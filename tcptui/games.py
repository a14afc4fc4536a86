"""A sandbox game as a moves file: the notation `tcptui export` reads, with the rules it was played under.

    # tcptui sandbox game: reopen it with `tcptui play --moves FILE`; `tcptui export FILE -o x.pcap`
    # profile=textbook timewait-syn=challenge-ack rfc1337=off replies=auto seed=3
    server listen
    client connect
    deliver 1

The rules line is a comment, so `tcptui export` reads the file as it is (with its own options).
The last sandbox game is kept beside progress.db (`last_game_path`) after every move: written to a
temporary file in the same folder, flushed, and renamed over the old one, so a process killed at any
moment leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import re
from collections import namedtuple
from pathlib import Path

LAST_GAME = "last-game.moves"
_RULES = re.compile(r"^#\s*profile=")


class GameFile(namedtuple("GameFile", "moves profile replies seed")):
    """The moves of a game and the rules to replay them under (a core Profile, Replies, a seed)."""

    __slots__ = ()

    def world(self):
        """The world the game starts from."""
        from .core.world import World

        return World.new(profile=self.profile, replies=self.replies, seed=self.seed)

    def game(self):
        """A core Game with every move played again (illegal ones too: they were played)."""
        from .core.game import Game

        game = Game(self.world())
        for move in self.moves:
            game.apply(move)
        return game


def game_text(game) -> str:
    """A core Game (its moves since the start, undone ones left out) as the text of a moves file."""
    world = game.start
    profile = world.profile
    rules = (
        f"profile={profile.name.value} timewait-syn={profile.timewait_syn.value} "
        f"rfc1337={'on' if profile.rfc1337 else 'off'} replies={world.replies.value} seed={world.seed}"
    )
    head = [
        "# tcptui sandbox game: reopen it with `tcptui play --moves FILE`; `tcptui export FILE -o x.pcap`",
        f"# {rules}",
    ]
    return "\n".join(head + [str(outcome.move) for outcome in game.history]) + "\n"


def parse_game(text: str) -> GameFile:
    """A moves file's text; ValueError says what is wrong (the move, or the rules line)."""
    from .capture.export import MovesError, parse_moves
    from .core.profile import Profile, TimewaitSyn
    from .core.states import Replies

    # "": not given
    options = {"profile": "textbook", "timewait-syn": "", "rfc1337": "", "replies": "auto", "seed": "0"}
    rules_line = 0
    for rules_line, line in enumerate(text.splitlines(), 1):
        if _RULES.match(line):
            for word in line.lstrip("#").split():
                key, _, value = word.partition("=")
                if key not in options or not value:
                    expected = ", ".join(k + "=…" for k in options)
                    raise MovesError(rules_line, f"rules line: expected {expected}; got {word!r}")
                options[key] = value
            break
    try:
        profile = Profile.named(options["profile"])
        if options["timewait-syn"]:
            profile = profile.with_options(timewait_syn=TimewaitSyn(options["timewait-syn"]))
        if options["rfc1337"]:
            if options["rfc1337"] not in ("on", "off"):
                raise ValueError(f"rfc1337={options['rfc1337']!r}: expected on or off")
            profile = profile.with_options(rfc1337=options["rfc1337"] == "on")
        replies = Replies(options["replies"])
        seed = int(options["seed"])
    except ValueError as e:
        raise MovesError(rules_line, f"rules line: {e}") from None
    return GameFile(tuple(parse_moves(text)), profile, replies, seed)


def read_game(path) -> GameFile:
    """A moves file; OSError if it cannot be read, ValueError (naming the file) if it does not parse."""
    from .capture.export import MovesError

    text = Path(path).read_text(encoding="utf-8")
    try:
        return parse_game(text)
    except MovesError as e:
        raise ValueError(e.located(str(path))) from None
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from None


def write_game(path, game) -> None:
    """Write `game` to `path` atomically (a temporary file renamed over it)."""
    from .atomic import write_text

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, game_text(game))


def last_game_path(directory=None) -> Path:
    """Where the last sandbox game is kept: beside progress.db (--data-dir, $TCPTUI_DATA_DIR, the user data dir)."""
    from .progress.store import data_dir

    return data_dir(directory) / LAST_GAME
