"""`tcptui lab`: play moves against two real Linux TCP stacks, with the engine's prediction beside.

Headless for now: the moves come from MOVES_FILE and/or --moves (the engine's notation plus the
lab's own moves, tcptui/lab/moves.py); each is played against the kernels and printed with both
kernels' states, their pending timers, what was sent, and where the engine disagrees. --report,
--pcap, --moves-out and --packetdrill write the session down. Where the lab cannot run, one line
says what is missing and the exit status is 2; bad input likewise.
"""

from __future__ import annotations

import json
import sys

from ..capture.export import MovesError
from .export import moves_error, read_moves_text

EXIT_BAD_INPUT = 2


def run(args) -> int:
    """Check the machine, read the moves, play them, print and write the session."""
    from ..lab.support import unavailable

    problem = unavailable()
    if problem:
        return _fail(problem)
    from ..lab.moves import parse_lab_moves

    text = ""
    try:
        text = read_moves_text(args)
        moves = parse_lab_moves(text)
        sysctls = dict(_sysctl(text) for text in args.sysctl or ())
    except MovesError as e:
        return _fail(moves_error(e, args, text))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        return _fail(f"{e.filename}: {e.strerror}" if isinstance(e, OSError) and e.strerror else str(e))
    if not moves:
        return _fail("no moves: give a MOVES_FILE or --moves (the interactive lab comes with the play screen)")
    from ..lab.session import Lab, LabError

    try:
        lab = Lab(sysctls=sysctls, rto_min_ms=args.rto_min)
    except (OSError, ValueError) as e:
        return _fail(f"could not set up the lab: {e}")
    status = 0
    with lab:
        if not args.json:
            sys.stdout.write(_header(lab) + "\n")
        printed = 0
        for number, move in enumerate(moves, 1):
            try:
                lab.play(move)
            except LabError as e:
                status = _fail(f"move {number}: {e}")
                break
            for step in lab.steps[printed:]:
                sys.stdout.write(
                    (json.dumps(_json_step(lab, step), ensure_ascii=False) if args.json else _line(lab, step)) + "\n"
                )
            printed = len(lab.steps)
        if not args.json:
            differ = sum(1 for step in lab.steps if step.differences)
            sys.stdout.write(f"{len(lab.steps)} steps; the engine disagrees with the kernel on {differ}\n")
        try:
            _write(lab, args)
        except OSError as e:
            return _fail(f"{e.filename}: {e.strerror or e}")
    return status


def _write(lab, args) -> None:
    from ..core.states import Side
    from ..lab import export

    if args.report:
        export.write_report(lab, args.report)
    if args.pcap:
        export.write_pcap(lab, args.pcap)
    if args.moves_out:
        export.write_moves(lab, args.moves_out)
    if args.packetdrill:
        export.write_packetdrill(lab, args.packetdrill, Side(args.packetdrill_side))


def _json_step(lab, step) -> dict:
    from ..lab.export import step_record

    return step_record(lab, step)


def _header(lab) -> str:
    """What decides the kernels' behaviour: the settings a top bar would show."""
    from ..core.states import Side

    route = f"rto_min {lab.route['rto_min_ms']} ms" + (", quickack" if lab.route["quickack"] else "")
    settings = " ".join(f"{name.rsplit('.', 1)[-1]}={value}" for name, value in lab.sysctls.items())
    client, server = ("{}:{}".format(*lab.ends.of(side)) for side in (Side.CLIENT, Side.SERVER))
    return f"lab: client {client}, server {server}; {route}\n     {settings}"


def _line(lab, step) -> str:
    """One Step: the move, each kernel's state (and timer) with the engine's beside it when it
    differs, what was sent, and every difference."""
    from ..core.states import Side

    def side_text(side: Side) -> str:
        view = step.kernel[side]
        text = f"{side.value} {view.state.value}"
        if view.timer != "off":
            text += f" [{view.timer_text()}]"
        if step.engine[side] is not view.state:
            text += f" (engine {step.engine[side].value})"
        return text

    who = " (kernel)" if step.source == "kernel" else ""
    answer = f" -> {step.answer}" if step.answer not in (None, "ok") else ""
    lines = [f"{step.n:>3} {step.move}{who}{answer}", f"      {side_text(Side.CLIENT)} | {side_text(Side.SERVER)}"]
    if step.actual:
        sent = "; ".join(f"{w.src.value} {lab.describe(w.segment)}" for w in step.actual)
        lines.append(f"      sent: {sent}")
    lines += [f"      DIFFERS: {d}" for d in step.differences]
    return "\n".join(lines)


def _sysctl(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.startswith("net.") or not value:
        raise ValueError(f"--sysctl {text!r}: expected NAME=VALUE with a net.* name, e.g. net.ipv4.tcp_rfc1337=1")
    return name, value


def _fail(message: str) -> int:
    """One line on stderr; the exit status of bad input."""
    sys.stderr.write(f"tcptui lab: {message}\n")
    return EXIT_BAD_INPUT
