"""The command line: parse once, at the edge, then hand enums to the command that needs them.

Start-up stays light: only argparse is imported here; each command imports what it needs when
it runs (`explain --json` never loads Rich, no command but the UI loads Textual). Bad input is
one line on stderr and exit status 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys

from . import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:
    from typing import Any

EXIT_USAGE = 2


HELP_LANG = "en"  # the language of --help: main() sets it from --lang, else $TCPTUI_LANG or the locale


def _translated(text: str | None) -> str | None:
    """A help text in HELP_LANG: the catalogue's CLI table maps each English text to its translation
    (a text it lacks stays English); loaded only when help is printed in another language."""
    if HELP_LANG == "en" or not text:
        return text
    from .text import catalogue

    return catalogue(HELP_LANG).CLI.get(text, text)


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter without its `import shutil` (3 ms of every start): the width comes
    from $COLUMNS or the terminal, as shutil.get_terminal_size() would find it. It writes help in
    HELP_LANG (tcptui/text/zh.py's CLI table), argparse's own headings too."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 28, width: int | None = None
    ) -> None:
        if width is None:
            from .output import terminal_width

            width = terminal_width() - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def _get_help_string(self, action) -> str | None:
        return _translated(action.help)

    def add_text(self, text) -> None:
        super().add_text(_translated(text))

    def start_section(self, heading) -> None:
        heading = _translated(heading)
        self._headings = [*getattr(self, "_headings", []), heading]
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        if HELP_LANG == "zh":  # argparse writes "HEADING:"; Chinese punctuation is full width
            for heading in getattr(self, "_headings", []):
                text = text.replace(f"{heading}:\n", f"{heading}：\n")
        return text

    def _split_lines(self, text, width):
        if HELP_LANG == "en":
            return super()._split_lines(text, width)
        from .text.wrap import wrap  # Chinese breaks between characters, and is two cells wide

        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text, width, indent):
        if HELP_LANG == "en":
            return super()._fill_text(text, width, indent)
        from .text.wrap import wrap

        return "\n".join(indent + line for line in wrap(" ".join(text.split()), width - len(indent)))

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _translated("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is exactly one line on stderr, in HELP_LANG."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # noqa: D401 - argparse's hook
        line = _translated("%(prog)s: error: %(message)s\n") or ""
        self.exit(EXIT_USAGE, line % {"prog": self.prog, "message": message})


def _speak_argparse() -> None:
    """argparse builds its messages ('invalid choice: …', 'the following arguments are required: …')
    from templates it passes through gettext; give it the CLI table instead, so that they are
    written in HELP_LANG like the rest (under en the table is not even loaded)."""
    argparse._ = lambda text: _translated(text) or text  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: _translated(one if n == 1 else many) or one  # type: ignore[attr-defined]


def default_lang() -> str:
    """zh when the locale says Chinese ($TCPTUI_LANG, then $LC_ALL, $LC_MESSAGES, $LANG), else en."""
    explicit = os.environ.get("TCPTUI_LANG", "")
    if explicit in ("zh", "en"):
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _arg_type(module: str, attribute: str):
    """An argparse type from a parser that raises ValueError: imported when first used, and its
    message becomes argparse's one-line error."""

    def convert(text: str):
        target: Any = __import__(f"tcptui{module}", fromlist=["_"])  # then the attribute it names
        for name in attribute.split("."):
            target = getattr(target, name)
        try:
            return target(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None

    convert.__name__ = attribute.rsplit(".", 1)[-1]
    return convert


_state = _arg_type(".core.states", "State.parse")
_event = _arg_type(".commands.probe", "parse_event")


def _add_profile(p: argparse.ArgumentParser, default: str = "textbook") -> None:
    p.add_argument(
        "--profile",
        choices=("textbook", "rfc9293", "linux"),
        default=default,
        help="rule profile: the notes (textbook), RFC 9293, or Linux (default: %(default)s)",
    )


def _add_rule_options(p: argparse.ArgumentParser, profile_default: str = "textbook") -> None:
    """--profile, --rfc1337 and --timewait-syn: the options of RFC 9293 that stacks choose differently."""
    _add_profile(p, profile_default)
    p.add_argument(
        "--rfc1337",
        action="store_true",
        default=None,
        help="TIME_WAIT ignores RST (RFC 1337 protection; off by default, as on Linux)",
    )
    p.add_argument(
        "--timewait-syn",
        choices=("challenge-ack", "accept-newer"),
        default=None,
        help="what TIME_WAIT does with a SYN: answer with the old ACK (the notes' §4.2), "
        "or accept a newer one (Linux, RFC 6191); default: the profile's choice",
    )
    p.add_argument(
        "--syncookies",
        choices=("on", "off"),
        default=None,
        help="a SYN finding the SYN queue full gets a SYN cookie (on) or is dropped (off); "
        "default: on under --profile linux (tcp_syncookies=1), off otherwise",
    )
    p.add_argument(
        "--abort-on-overflow",
        action="store_true",
        default=None,
        help="the handshake's last ACK finding the accept queue full is answered with RST "
        "(Linux's tcp_abort_on_overflow=1; default: dropped)",
    )
    p.add_argument(
        "--tw-reuse",
        type=int,
        choices=(0, 1, 2),
        default=None,
        help="Linux's net.ipv4.tcp_tw_reuse: may connect() reuse a 4-tuple in TIME_WAIT (1), never (0), "
        "only on loopback (2, Linux's default; the game's hosts are not on loopback)",
    )


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="language of explanations (default: from $TCPTUI_LANG or the locale)",
    )


def _play(sub) -> None:
    play = sub.add_parser(
        "play",
        help="the sandbox: play both endpoints and the network",
        description="Open the sandbox: choose what each side sends and what the "
        "network delivers; every move is judged and explained.",
    )
    _add_lang(play)
    play.add_argument(
        "--replies",
        choices=("auto", "manual"),
        default=None,
        help="auto: the engine answers for the receiving stack; manual: you must (and are judged)",
    )
    play.add_argument(
        "--numbers",
        choices=("symbolic", "real"),
        default=None,
        help="show sequence numbers as the notes do (x, y+1) or as real 32-bit values",
    )
    play.add_argument(
        "--profile",
        choices=("textbook", "rfc9293", "linux"),
        default=None,
        help="rule profile (default: your saved setting, else textbook)",
    )
    play.add_argument("--seed", type=int, default=None, help="seed for the initial sequence numbers")
    reopen = play.add_mutually_exclusive_group()
    reopen.add_argument("--resume", action="store_true", help="reopen the last sandbox game (kept after every move)")
    reopen.add_argument(
        "--moves",
        default=None,
        metavar="FILE",
        help="open a game from a moves file (the notation tcptui export reads; the export menu writes one)",
    )
    reopen.add_argument(
        "--scenario",
        nargs="?",
        const="",
        default=None,
        metavar="NAME",
        help="start from a scenario (established, time-wait, reuse …, or a .toml file); alone: list them",
    )
    reopen.add_argument(
        "--puzzle", default=None, metavar="FILE", help="play a puzzle file (tcptui replay --puzzle writes one)"
    )
    play.add_argument(
        "--auto",
        action="store_true",
        help="with --moves or --resume: play the game back from its start (space pauses, +/- change the speed)",
    )
    play.set_defaults(run="tcptui.commands.play:run")


def _explain(sub) -> None:
    explain = sub.add_parser(
        "explain",
        help="what does an endpoint in STATE do with EVENT, and why",
        description="Ask the engine: an endpoint in STATE meets EVENT. Which state "
        "does it go to, what does it send, is it legal, and why?",
        epilog="EVENT: recv:FLAGS[:QUALIFIER] (or just FLAGS), send:FLAGS, "
        "app:connect|listen|send|shutdown|close|abort|accept|crash|reuseaddr, "
        "timer:rto|2msl|give-up|keepalive. "
        "FLAGS: SYN, ACK, FIN, RST, DATA joined with +. QUALIFIER: ok, oldack, "
        "badack, old, inwindow, outwindow, lowseq, highseq, synq-full, acceptq-full. "
        "Example: tcptui explain TIME_WAIT SYN --lang zh",
    )
    explain.add_argument("state", type=_state, metavar="STATE", help="one of the eleven RFC 9293 states")
    explain.add_argument("event", type=_event, metavar="EVENT", help="what happens (see below)")
    explain.add_argument("--json", action="store_true", help="one JSON object on stdout")
    _add_lang(explain)
    _add_rule_options(explain)
    explain.set_defaults(run="tcptui.commands.explain:run")


def _diagram(sub) -> None:
    diagram = sub.add_parser(
        "diagram",
        help="the whole state diagram: every state, every transition",
        description="Print TCP's state diagram from the engine's transition table: every RFC 9293 "
        "state and every transition with its event and what is sent, grouped as RFC 793's "
        "Figure 6 (open, data transfer, active close, passive close) plus resets.",
        epilog="Example: tcptui diagram --format mermaid --lang zh > tcp.mmd",
    )
    diagram.add_argument(
        "--format",
        choices=("text", "mermaid", "dot"),
        default="text",
        help="text (80 columns), Mermaid (stateDiagram-v2) or Graphviz DOT (default: %(default)s)",
    )
    _add_profile(diagram)
    _add_lang(diagram)
    diagram.set_defaults(run="tcptui.commands.diagram:run")


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data-dir",
        default=None,
        metavar="DIR",
        help="where progress is kept (default: $TCPTUI_DATA_DIR, else the user data directory)",
    )


def _check(sub) -> None:
    check = sub.add_parser(
        "check",
        help="lint puzzle files for authors",
        description="Load every puzzle file (folders are searched for *.toml) and prove each "
        "with the solver: one line per problem; exit 0 when all are good, 2 otherwise.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="puzzle files or folders")
    check.set_defaults(run="tcptui.commands.check:run")


def _solve(sub) -> None:
    solve = sub.add_parser(
        "solve",
        help="the lesson's path through a puzzle (a shortest solution)",
        description="Solve a puzzle file (or a bundled puzzle, by id): the path its lesson pins "
        "(the author's reference solution, or a shortest one that teaches the lesson), found by "
        "breadth-first search.",
    )
    solve.add_argument("puzzle", metavar="FILE", help="a puzzle file, or the id of a bundled puzzle")
    solve.add_argument("--json", action="store_true", help='one JSON object: {"id", "moves", "length"}')
    solve.add_argument("--ladder", action="store_true", help="print the path's ladder diagram, then each move's rule")
    solve.add_argument(
        "--numbers",
        choices=("symbolic", "real"),
        default=None,
        help="with --ladder: numbers as the notes write them (x, y+1) or as 32-bit values (default: the puzzle's)",
    )
    _add_lang(solve)
    solve.set_defaults(run="tcptui.commands.solve:run")


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"expected minutes between 1 and 600, got {text!r}")
    return value


_topic = _arg_type(".exam.topics", "parse_topic")


def _exam(sub) -> None:
    exam = sub.add_parser(
        "exam",
        help="a timed exam with a report, questions from the engine",
        description="A timed exam: questions generated by the engine and on the notes' 'why' "
        "topics; missed questions come back sooner.",
    )
    exam.add_argument("--minutes", type=_positive, default=10, help="time for the exam (default: %(default)s)")
    exam.add_argument(
        "--topic",
        action="append",
        type=_topic,
        default=None,
        metavar="§SECTION",
        help="only these sections of the notes, e.g. --topic §4.2 --topic 4.4 (repeatable)",
    )
    exam.add_argument("--seed", type=int, default=None, help="seed for the questions (default: from the clock)")
    exam.add_argument(
        "--review",
        action="store_true",
        help="a review session of the items due now: no timer, choices shuffled, every answer explained",
    )
    _add_lang(exam)
    _add_data_dir(exam)
    exam.set_defaults(run="tcptui.ui.launch:run_exam")


def _progress(sub) -> None:
    progress = sub.add_parser(
        "progress",
        help="stars, exam results and reviews due",
        description="A summary of saved progress; --reset forgets it (asks first).",
    )
    progress.add_argument("--reset", action="store_true", help="forget all progress (asks for confirmation)")
    progress.add_argument("--yes", action="store_true", help="with --reset: do not ask")
    _add_lang(progress)
    _add_data_dir(progress)
    progress.set_defaults(run="tcptui.commands.progress:run")


def _topics(sub) -> None:
    topics = sub.add_parser(
        "topics",
        help="the study map: every topic, what covers it, your progress",
        description="Every topic of the notes (§1 … §4.4.4) and of the interview pack, with the "
        "puzzles, exam items and explain examples that cover it, and your progress on each.",
    )
    topics.add_argument("--topic", type=_topic, default=None, metavar="TOPIC", help="only this topic (§2, queues …)")
    topics.add_argument("--json", action="store_true", help="one JSON object on stdout")
    _add_lang(topics)
    _add_data_dir(topics)
    topics.set_defaults(run="tcptui.commands.topics:run")


def _conn_index(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a connection number (0, 1, 2 …), got {text!r}")
    return int(text)


def _replay(sub) -> None:
    replay = sub.add_parser(
        "replay",
        help="a capture (pcap/pcapng) packet by packet, with both endpoints' states",
        description="Feed a tcpdump/Wireshark capture through the engine: both endpoints' "
        "states after every packet, and what a correct TCP would have answered.",
        epilog="Example: tcpdump -w x.pcap port 5001; tcptui replay x.pcap --json",
    )
    replay.add_argument("capture", metavar="CAPTURE", help="a pcap or pcapng file")
    replay.add_argument("--json", action="store_true", help="JSON Lines: one object per TCP packet")
    replay.add_argument(
        "--summary",
        action="store_true",
        help="print the summary table even on a terminal (without it, a terminal gets the "
        "interactive view; piped output, the summary)",
    )
    replay.add_argument(
        "--conn",
        type=_conn_index,
        default=None,
        metavar="N",
        help="only connection N (numbered from 0 by first appearance)",
    )
    replay.add_argument(
        "--puzzle",
        action="store_true",
        help="write a puzzle from connection N (default: the first that makes one): the start as the "
        "capture shows it, the goal what happened next; it passes tcptui check",
    )
    replay.add_argument("-o", "--output", default=None, metavar="FILE.toml", help="with --puzzle: the file to write")
    _add_lang(replay)
    _add_rule_options(replay, profile_default="linux")
    replay.set_defaults(run="tcptui.commands.replay:run")


_address = _arg_type(".capture.export", "parse_address")


def _export(sub) -> None:
    export = sub.add_parser(
        "export",
        help="a game (a list of moves) as a pcap that Wireshark opens",
        description="Play moves in the engine and write the segments the network delivered "
        "as a pcap: real IPv4/IPv6 and TCP headers, checksums, timestamps.",
        epilog="Example: tcptui export --moves 'server listen; client connect; deliver 1; "
        "deliver 1; deliver 1' -o handshake.pcap",
    )
    export.add_argument(
        "moves_file",
        nargs="?",
        metavar="MOVES_FILE",
        help="one move a line in the move notation ('#' comments; '-' reads stdin)",
    )
    export.add_argument("--moves", default=None, metavar="MOVES", help="moves separated by ';' (after MOVES_FILE's)")
    export.add_argument("-o", "--output", required=True, metavar="PCAP", help="the pcap file to write")
    export.add_argument(
        "--replies",
        choices=("auto", "manual"),
        default="auto",
        help="auto: the engine sends the receiving stack's replies (default); manual: the moves do",
    )
    export.add_argument("--seed", type=int, default=0, help="seed for the initial sequence numbers (default: 0)")
    export.add_argument(
        "--client",
        type=_address,
        default=None,
        metavar="IP:PORT",
        help="the client's address (default: 10.9.0.1:40001)",
    )
    export.add_argument(
        "--server", type=_address, default=None, metavar="IP:PORT", help="the server's address (default: 10.9.0.2:5001)"
    )
    _add_lang(export)
    _add_rule_options(export)
    export.set_defaults(run="tcptui.commands.export:run")


def _lab(sub) -> None:
    lab = sub.add_parser(
        "lab",
        help="be the network between two real Linux TCP stacks, the engine's prediction beside",
        description="Be the network between two real Linux kernels (each in a private network "
        "namespace that tcptui creates and removes; needs root or CAP_NET_ADMIN). Without moves, "
        "the play screen opens in lab mode; with moves, each is played against the kernels and "
        "printed with their states, timers and segments beside the engine's prediction.",
        epilog="Moves: the engine's notation, plus 'wait SECONDS', 'SIDE accept', 'SIDE read', and "
        "numbers as the notes write them in crafted segments (client sends SYN seq=x+1). Example: "
        "tcptui lab --moves 'server listen; client connect; deliver 1; deliver 1; deliver 1'",
    )
    _add_lang(lab)
    lab.add_argument(
        "--profile",
        choices=("linux",),
        default="linux",
        help="the engine's rules beside the kernels: linux, with the kernels' own sysctls (the only choice)",
    )
    lab.add_argument(
        "moves_file", nargs="?", metavar="MOVES_FILE", help="one move a line ('#' comments; '-' reads stdin)"
    )
    lab.add_argument("--moves", default=None, metavar="MOVES", help="moves separated by ';' (after MOVES_FILE's)")
    lab.add_argument("--json", action="store_true", help="JSON Lines on stdout: one object per step")
    lab.add_argument("--report", metavar="FILE", help="write the session as JSON Lines (kernel and engine)")
    lab.add_argument("--pcap", metavar="FILE", help="write the delivered packets (the real bytes) as a pcap")
    lab.add_argument("--moves-out", metavar="FILE", help="write the session as a moves file for tcptui export")
    lab.add_argument("--packetdrill", metavar="FILE", help="write one kernel's part as a packetdrill script")
    lab.add_argument(
        "--packetdrill-side",
        choices=("client", "server"),
        default="server",
        help="whose kernel the packetdrill script tests (default: %(default)s)",
    )
    lab.add_argument(
        "--sysctl",
        action="append",
        metavar="NAME=VALUE",
        help="a sysctl for both namespaces, e.g. net.ipv4.tcp_rfc1337=1 (repeatable)",
    )
    lab.add_argument(
        "--rto-min",
        type=int,
        default=1000,
        metavar="MS",
        help="the minimum retransmission timeout on the route, in ms (default: %(default)s)",
    )
    lab.set_defaults(run="tcptui.commands.lab:run")


# Every subcommand, in the order `tcptui --help` lists them; each adds its own parser.
COMMANDS = {
    "play": _play,
    "explain": _explain,
    "diagram": _diagram,
    "check": _check,
    "solve": _solve,
    "exam": _exam,
    "progress": _progress,
    "topics": _topics,
    "replay": _replay,
    "export": _export,
    "lab": _lab,
}


class _OneCommand:
    """Stands in for argparse's subparsers when argv names a command: that command's parser alone
    is built (as `tcptui COMMAND`), so start-up stays light however many commands there are."""

    def __init__(self) -> None:
        self.parser: _Parser | None = None

    def add_parser(self, name: str, **kwargs) -> _Parser:
        kwargs.pop("help", None)
        self.parser = _Parser(prog=f"tcptui {name}", **kwargs)
        return self.parser


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line (for `tcptui`, `tcptui --help`, an unknown command)."""
    parser = _Parser(
        prog="tcptui",
        description="Play the TCP state machine: handshakes, closes, "
        "TIME_WAIT and RST, explained in Chinese and English.",
        epilog="Run 'tcptui' alone for the home screen; 'tcptui COMMAND --help' for details.",
    )
    parser.add_argument("--version", action="version", version=f"tcptui {__version__}")
    _add_lang(parser)
    _add_data_dir(parser)
    parser.set_defaults(run="tcptui.ui.launch:run_home")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for add in COMMANDS.values():
        add(sub)
    return parser


def _lang_in(argv: list[str]) -> str | None:
    """The value of a --lang option in argv, if any."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _leading(argv: list[str]) -> tuple[list[str], str | None]:
    """The options given before the command: `--lang` is moved after it (every command takes it:
    `tcptui --lang zh play` is `tcptui play --lang zh`); `--data-dir` is taken out and returned,
    as it holds for the whole run ($TCPTUI_DATA_DIR's meaning), whichever command runs."""
    lang: list[str] = []
    data_dir = None
    i = 0
    while i < len(argv):
        name, eq, value = argv[i].partition("=")
        if name not in ("--lang", "--data-dir") or (not eq and i + 1 >= len(argv)):
            break
        given = [argv[i]] if eq else argv[i : i + 2]
        i += len(given)
        if name == "--lang":
            lang += given
        else:
            data_dir = value if eq else given[1]
    rest = argv[i:]
    return (rest + lang if rest and rest[0] in COMMANDS else lang + rest), data_dir


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse argv: a known command with its own parser only, anything else with the whole one.
    Options before the command are read as _leading says; `data_dir` is the one given there,
    unless the command's own --data-dir says otherwise."""
    argv, data_dir = _leading(argv)
    if argv and argv[0] in COMMANDS:
        one = _OneCommand()
        COMMANDS[argv[0]](one)
        assert one.parser is not None, "every command adds its parser"
        args = one.parser.parse_args(argv[1:])
    else:
        args = build_parser().parse_args(argv)
    if data_dir is not None and getattr(args, "data_dir", None) is None:
        args.data_dir = data_dir
    return args


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `tcptui` command and `python -m tcptui`. Output never dies on the
    terminal's encoding: what it cannot show is escaped, with one warning line (tcptui/output.py)."""
    from .output import guarded

    with guarded():
        return _main(argv)


def _prints_and_ends(args) -> bool:
    """A command that wrote its answer on stdout and ends: no screen, no file of its own open."""
    command = args.run.partition(":")[0].rpartition(".")[2]
    return command in ("explain", "diagram") or (command == "replay" and (args.json or args.summary))


def _main(argv: list[str] | None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    global HELP_LANG
    lang = _lang_in(argv)
    HELP_LANG = lang if lang in ("zh", "en") else default_lang()
    _speak_argparse()
    args = parse(argv)
    args.explicit_lang = getattr(args, "lang", None)  # the UI prefers it to the saved setting
    if getattr(args, "lang", "unset") is None:
        args.lang = default_lang()
    module_name, _, func_name = args.run.partition(":")
    kept = os.environ.get("TCPTUI_DATA_DIR")
    if getattr(args, "data_dir", None) is not None:  # for every part of the run, the UI's too
        os.environ["TCPTUI_DATA_DIR"] = args.data_dir
    try:
        module = __import__(module_name, fromlist=[func_name])  # importlib would cost a module more
        code = int(getattr(module, func_name)(args) or 0)
        if _prints_and_ends(args):
            # Everything built so far (the engine's tables, a catalogue, a replay's connections)
            # lives until exit and holds no file: the interpreter's last garbage collection would
            # only walk it. Frozen, it is skipped (a tenth of `explain --json`'s whole start).
            gc.freeze()
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    finally:
        if kept is None:
            os.environ.pop("TCPTUI_DATA_DIR", None)
        else:
            os.environ["TCPTUI_DATA_DIR"] = kept
