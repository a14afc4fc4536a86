"""`tcptui export`: play moves in the engine and write what the network delivered as a pcap.

The moves come from MOVES_FILE (one a line, '#' comments; '-' is stdin) and/or --moves (separated
by ';'), in the core's notation (tcptui/core/moves.py). A move the engine judges illegal is still
played (and shows in the capture if it put a segment on the wire). Bad input is one line on
stderr and exit status 2.

Everything is bounded, whatever the files are: MOVES_FILE is read up to MAX_MOVES_BYTES (so
/dev/zero is an error, not a memory blow-up); a FIFO is read as a stream that must start within
FIFO_WAIT seconds; an output FIFO must have a reader (else the open would block forever); a game
keeps at most MAX_IN_FLIGHT segments in flight (each move copies the wire, so a game of endless
duplicates would otherwise take time that grows with its square); and moves are played one at a
time, never held with their worlds.
"""

from __future__ import annotations

import errno
import os
import stat
import sys

from ..capture.export import DEFAULT_CLIENT, DEFAULT_SERVER, MovesError, frames, iter_outcomes, parse_moves, write_pcap
from ..text import ui
from .explain import profile_from

EXIT_BAD_INPUT = 2
MAX_MOVES_BYTES = 4 << 20  # 4 MiB: hundreds of thousands of moves
MAX_IN_FLIGHT = 1_000  # segments on the wire at once
FIFO_WAIT = 5.0  # seconds a FIFO may stay silent before it is given up


class _Refused(ValueError):
    """Input tcptui will not take (one line)."""


def run(args) -> int:
    """Read the moves, play them, write the pcap."""
    from ..core.states import Replies
    from ..core.world import World

    try:
        text = read_moves_text(args)
        moves = parse_moves(text)
    except MovesError as e:
        return _fail(moves_error(e, args, text))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        return _fail(_os_message(e, args.moves_file) if isinstance(e, OSError) else str(e))
    if not moves:
        return _fail(ui("export.no-moves", args.lang))
    world = World.new(profile=profile_from(args), replies=Replies(args.replies), seed=args.seed)
    try:
        delivered = frames(_bounded(iter_outcomes(moves, world)))
        target = _output(args.output)
        count = write_pcap(delivered, target, args.client or DEFAULT_CLIENT, args.server or DEFAULT_SERVER)
    except OSError as e:
        return _fail(_os_message(e, args.output))
    except ValueError as e:
        return _fail(str(e))
    sys.stdout.write(ui("export.wrote", args.lang, count=count, moves=len(moves), path=args.output) + "\n")
    return 0


def _bounded(outcomes):
    """The outcomes, refused past MAX_IN_FLIGHT segments in flight."""
    for number, outcome in enumerate(outcomes, 1):
        if len(outcome.world.wire) > MAX_IN_FLIGHT:
            raise _Refused(
                f"move {number} ({outcome.move}): more than {MAX_IN_FLIGHT} segments in flight; "
                "expected a game a network could carry (deliver or drop some)"
            )
        yield outcome


def moves_error(error: MovesError, args, text: str) -> str:
    """Where a bad move is: `FILE:LINE: …` in MOVES_FILE (`-:LINE` for stdin), `--moves: …` in
    --moves (one line, joined after the file's)."""
    if args.moves_file and not (args.moves and error.line == len(text.splitlines())):
        return error.located(args.moves_file)
    return f"--moves: {error}"


def read_moves_text(args) -> str:
    """MOVES_FILE's text (stdin for '-'), then --moves."""
    parts = []
    if args.moves_file == "-":
        parts.append(_decoded(sys.stdin.buffer.read(MAX_MOVES_BYTES + 1), "stdin"))
    elif args.moves_file:
        parts.append(_decoded(_read_bounded(args.moves_file), args.moves_file))
    if args.moves:
        parts.append(args.moves)
    return "\n".join(parts)


def _decoded(raw: bytes, name: str) -> str:
    if len(raw) > MAX_MOVES_BYTES:
        raise _Refused(f"{name}: more than {MAX_MOVES_BYTES >> 20} MiB of moves; expected a moves file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(f"{name}: not UTF-8 text; expected one move a line") from None


def _read_bounded(path: str) -> bytes:
    """At most MAX_MOVES_BYTES + 1 bytes of `path`; a FIFO is read as a stream that must not stay
    silent longer than FIFO_WAIT (with no writer, an ordinary open would wait forever)."""
    if not stat.S_ISFIFO(os.stat(path).st_mode):
        with open(path, "rb") as f:
            return f.read(MAX_MOVES_BYTES + 1)
    import selectors
    import time

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks, size = [], 0
    deadline = time.monotonic() + FIFO_WAIT
    try:
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while size <= MAX_MOVES_BYTES:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise _Refused(f"{path}: a FIFO nothing was written to for {FIFO_WAIT:g} s; expected moves")
                if not selector.select(left):
                    continue
                try:
                    chunk = os.read(fd, 65536)
                except BlockingIOError:
                    continue
                if chunk:
                    chunks.append(chunk)
                    size += len(chunk)
                    deadline = time.monotonic() + FIFO_WAIT
                elif size:
                    break  # the writer closed it: the end
                else:
                    time.sleep(0.05)  # no writer yet: the FIFO reads as empty until one comes
    finally:
        os.close(fd)
    return b"".join(chunks)


def _output(path: str):
    """Where the pcap goes: the path, or for a FIFO an open descriptor once a reader is there (an
    ordinary open of a FIFO with no reader would block forever)."""
    try:
        if not stat.S_ISFIFO(os.stat(path).st_mode):
            return path
    except FileNotFoundError:
        return path
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as e:
        if e.errno == errno.ENXIO:
            raise _Refused(f"{path}: a FIFO with no reader; start the program that reads it first") from None
        raise
    os.set_blocking(fd, True)
    return fd


def _os_message(error: OSError, path) -> str:
    return f"{getattr(error, 'filename', None) or path}: {error.strerror or error}"


def _fail(message: str) -> int:
    """One line on stderr; the exit status of bad input."""
    sys.stderr.write(f"tcptui export: {message}\n")
    return EXIT_BAD_INPUT
