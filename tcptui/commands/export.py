"""`tcptui export`: play moves in the engine and write what the network delivered as a pcap.

The moves come from MOVES_FILE (one a line, '#' comments; '-' is stdin) and/or --moves (separated
by ';'), in the core's notation (tcptui/core/moves.py). A move the engine judges illegal is still
played (and shows in the capture if it put a segment on the wire). Bad input is one line on
stderr and exit status 2.
"""

from __future__ import annotations

import sys

from ..capture.export import DEFAULT_CLIENT, DEFAULT_SERVER, game_to_pcap, parse_moves
from ..text import ui
from .explain import profile_from

EXIT_BAD_INPUT = 2


def run(args) -> int:
    """Read the moves, play them, write the pcap."""
    from ..core.states import Replies
    from ..core.world import World

    try:
        text = read_moves_text(args)
        moves = parse_moves(text)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        return _fail(str(e))
    if not moves:
        return _fail(ui("export.no-moves", args.lang))
    world = World.new(profile=profile_from(args), replies=Replies(args.replies), seed=args.seed)
    try:
        count = game_to_pcap(
            moves, args.output, world=world, client=args.client or DEFAULT_CLIENT, server=args.server or DEFAULT_SERVER
        )
    except OSError as e:
        return _fail(f"{args.output}: {e.strerror or e}")
    except ValueError as e:
        return _fail(str(e))
    sys.stdout.write(ui("export.wrote", args.lang, count=count, moves=len(moves), path=args.output) + "\n")
    return 0


def read_moves_text(args) -> str:
    """MOVES_FILE's text (stdin for '-'), then --moves."""
    parts = []
    if args.moves_file == "-":
        parts.append(sys.stdin.read())
    elif args.moves_file:
        with open(args.moves_file, encoding="utf-8") as f:
            parts.append(f.read())
    if args.moves:
        parts.append(args.moves)
    return "\n".join(parts)


def _fail(message: str) -> int:
    """One line on stderr; the exit status of bad input."""
    sys.stderr.write(f"tcptui export: {message}\n")
    return EXIT_BAD_INPUT
