"""`tcptui lab`: be the network between two real Linux TCP stacks, with the engine's prediction beside.

With no moves it opens the play screen in lab mode (tcptui/ui/screens/lab.py). With moves (from
MOVES_FILE and/or --moves: the engine's notation plus the lab's own moves, tcptui/lab/moves.py) it
plays them headless: each is played against the kernels and printed with both kernels' states,
their pending timers, what was sent, and where the engine disagrees. --report, --pcap, --moves-out
and --packetdrill write the session down (interactively too, when the lab is left). Where the lab
cannot run, one line says what is missing and the exit status is 2; bad input likewise. Every
word printed comes from the catalogues (tcptui/text), in --lang.
"""

from __future__ import annotations

import json
import sys

from ..capture.export import MovesError
from ..text import ui
from .export import moves_error, read_moves_text

EXIT_BAD_INPUT = 2


def run(args) -> int:
    """Check the machine, read the moves, play them (or open the screen), print and write the session."""
    from ..lab.support import unavailable

    lang = args.lang
    problem = unavailable(lang)
    if problem:
        return _fail(problem)
    from ..lab.moves import parse_lab_moves

    text = ""
    try:
        sysctls = dict(_sysctl(setting, lang) for setting in args.sysctl or ())
        if args.moves_file is None and args.moves is None:
            if args.json:
                return _fail(ui("lab.cli.json-needs-moves", lang))
            from ..ui.launch import run_lab

            return run_lab(args, sysctls)
        text = read_moves_text(args)
        moves = parse_lab_moves(text)
    except MovesError as e:
        return _fail(moves_error(e, args, text))
    except (OSError, ValueError, UnicodeDecodeError) as e:
        return _fail(_error(e))
    if not moves:
        return _fail(ui("lab.cli.no-moves", lang, where=args.moves_file or "--moves"))
    from ..lab.session import Lab, LabError

    try:
        lab = Lab(sysctls=sysctls, rto_min_ms=args.rto_min)
    except (OSError, ValueError) as e:
        return _fail(ui("lab.cli.setup-failed", lang, error=e))
    status = 0
    with lab:
        if not args.json:
            sys.stdout.write(header(lab, lang) + "\n")
        printed = 0
        for number, move in enumerate(moves, 1):
            try:
                lab.play(move)
            except LabError as e:
                status = _fail(ui("lab.cli.move", lang, number=number, error=e.text(lang)))
                break
            for step in lab.steps[printed:]:
                sys.stdout.write(
                    (json.dumps(_json_step(lab, step), ensure_ascii=False) if args.json else _line(lab, step, lang))
                    + "\n"
                )
            printed = len(lab.steps)
        if not args.json:
            differ = sum(1 for step in lab.steps if step.differences)
            sys.stdout.write(ui("lab.cli.summary", lang, steps=len(lab.steps), differ=differ) + "\n")
        try:
            write_outputs(lab, args)
        except OSError as e:
            return _fail(_error(e))
    return status


def write_outputs(lab, args) -> list[str]:
    """Write what --report, --pcap, --moves-out and --packetdrill ask for; the files written."""
    from ..core.states import Side
    from ..lab import export

    written = []
    if args.report:
        export.write_report(lab, args.report)
        written.append(args.report)
    if args.pcap:
        export.write_pcap(lab, args.pcap)
        written.append(args.pcap)
    if args.moves_out:
        export.write_moves(lab, args.moves_out)
        written.append(args.moves_out)
    if args.packetdrill:
        export.write_packetdrill(lab, args.packetdrill, Side(args.packetdrill_side))
        written.append(args.packetdrill)
    return written


def _json_step(lab, step) -> dict:
    from ..lab.export import step_record

    return step_record(lab, step)


def header(lab, lang: str) -> str:
    """What decides the kernels' behaviour: the addresses, the route and the sysctls."""
    from ..core.states import Side

    client, server = ("{}:{}".format(*lab.ends.of(side)) for side in (Side.CLIENT, Side.SERVER))
    quickack = ui("lab.cli.quickack", lang) if lab.route["quickack"] else ""
    head = ui("lab.cli.head", lang, client=client, server=server, rto=lab.route["rto_min_ms"], quickack=quickack)
    settings = " ".join(f"{name.rsplit('.', 1)[-1]}={value}" for name, value in lab.sysctls.items())
    return f"{head}\n     {settings}"


def _line(lab, step, lang: str) -> str:
    """One Step: the move, each kernel's state (and timer) with the engine's beside it when it
    differs, what was sent, and every difference."""
    from ..core.states import Side

    def side_text(side: Side) -> str:
        view = step.kernel[side]
        text = f"{ui('who.' + side.value, lang)} {view.state.value}"
        if view.timer != "off":
            text += f" [{view.timer_text()}]"
        if step.engine[side] is not view.state:
            text += ui("lab.cli.engine", lang, state=step.engine[side].value)
        return text

    who = ui("lab.cli.kernel", lang) if step.source == "kernel" else ""
    answer = f" -> {step.answer}" if step.answer not in (None, "ok") else ""
    lines = [f"{step.n:>3} {step.move}{who}{answer}", f"      {side_text(Side.CLIENT)} | {side_text(Side.SERVER)}"]
    if step.actual:
        sent = "; ".join(f"{ui('who.' + w.src.value, lang)} {lab.describe_wired(w)}" for w in step.actual)
        lines.append("      " + ui("lab.cli.sent", lang, segments=sent))
    lines += ["      " + ui("lab.cli.differs", lang, difference=d.text(lang)) for d in step.differences]
    return "\n".join(lines)


def _sysctl(text: str, lang: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.startswith("net.") or not value:
        raise ValueError(ui("lab.cli.bad-sysctl", lang, text=repr(text)))
    return name, value


def _error(e: Exception) -> str:
    """An OSError as 'FILE: why'; anything else as its message."""
    if isinstance(e, OSError) and e.strerror:
        return f"{e.filename}: {e.strerror}" if e.filename else e.strerror
    return str(e)


def _fail(message: str) -> int:
    """One line on stderr; the exit status of bad input."""
    sys.stderr.write(f"tcptui lab: {message}\n")
    return EXIT_BAD_INPUT
