"""The command line: parse once, at the edge, then hand enums to the command that needs them.

Start-up stays light: only argparse is imported here; each command imports what it needs when
it runs (`explain --json` never loads Rich, no command but the UI loads Textual). Bad input is
one line on stderr and exit status 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__

EXIT_USAGE = 2


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter without its `import shutil` (3 ms of every start): the width comes
    from $COLUMNS or the terminal, as shutil.get_terminal_size() would find it."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 28,
                 width: int | None = None) -> None:
        if width is None:
            try:
                width = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is exactly one line on stderr."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # noqa: D401 - argparse's hook
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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


def _state(text: str):
    from .core.states import State

    try:
        return State.parse(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _event(text: str):
    from .core.probe import parse_event

    try:
        return parse_event(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _add_rule_options(p: argparse.ArgumentParser, profile_default: str = "textbook") -> None:
    """--profile, --rfc1337 and --timewait-syn: the options of RFC 9293 that stacks choose differently."""
    p.add_argument("--profile", choices=("textbook", "rfc9293", "linux"), default=profile_default,
                   help="rule profile: the notes (textbook), RFC 9293, or Linux (default: %(default)s)")
    p.add_argument("--rfc1337", action="store_true", default=None,
                   help="TIME_WAIT ignores RST (RFC 1337 protection; off by default, as on Linux)")
    p.add_argument("--timewait-syn", choices=("challenge-ack", "accept-newer"), default=None,
                   help="what TIME_WAIT does with a SYN: answer with the old ACK (the notes' §4.2), "
                        "or accept a newer one (Linux, RFC 6191); default: the profile's choice")


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of explanations (default: from $TCPTUI_LANG or the locale)")


def _play(sub) -> None:
    play = sub.add_parser("play", help="the sandbox: play both endpoints and the network",
                          description="Open the sandbox: choose what each side sends and what the "
                                      "network delivers; every move is judged and explained.")
    _add_lang(play)
    play.add_argument("--replies", choices=("auto", "manual"), default=None,
                      help="auto: the engine answers for the receiving stack; manual: you must (and are judged)")
    play.add_argument("--numbers", choices=("symbolic", "real"), default=None,
                      help="show sequence numbers as the notes do (x, y+1) or as real 32-bit values")
    play.add_argument("--profile", choices=("textbook", "rfc9293", "linux"), default=None,
                      help="rule profile (default: your saved setting, else textbook)")
    play.add_argument("--seed", type=int, default=None, help="seed for the initial sequence numbers")
    play.set_defaults(run="tcptui.ui.launch:run_play")


def _explain(sub) -> None:
    explain = sub.add_parser("explain", help="what does an endpoint in STATE do with EVENT, and why",
                             description="Ask the engine: an endpoint in STATE meets EVENT. Which state "
                                         "does it go to, what does it send, is it legal, and why?",
                             epilog="EVENT: recv:FLAGS[:QUALIFIER] (or just FLAGS), send:FLAGS, "
                                    "app:connect|listen|send|shutdown|close|abort, timer:rto|2msl|give-up. "
                                    "FLAGS: SYN, ACK, FIN, RST, DATA joined with +. QUALIFIER: ok, oldack, "
                                    "badack, old, inwindow, outwindow, lowseq, highseq. "
                                    "Example: tcptui explain TIME_WAIT SYN --lang zh")
    explain.add_argument("state", type=_state, metavar="STATE", help="one of the eleven RFC 9293 states")
    explain.add_argument("event", type=_event, metavar="EVENT", help="what happens (see below)")
    explain.add_argument("--json", action="store_true", help="one JSON object on stdout")
    _add_lang(explain)
    _add_rule_options(explain)
    explain.set_defaults(run="tcptui.commands.explain:run")


# Every subcommand, in the order `tcptui --help` lists them; each adds its own parser.
COMMANDS = {"play": _play, "explain": _explain}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The command line. When argv names a command, only that command's parser is built: start-up
    stays light however many commands there are."""
    parser = _Parser(prog="tcptui", description="Play the TCP state machine: handshakes, closes, "
                                                "TIME_WAIT and RST, explained in Chinese and English.",
                     epilog="Run 'tcptui' alone for the home screen; 'tcptui COMMAND --help' for details.")
    parser.add_argument("--version", action="version", version=f"tcptui {__version__}")
    parser.set_defaults(run="tcptui.ui.launch:run_home")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    for name, add in COMMANDS.items():
        if wanted is None or name == wanted:
            add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `tcptui` command and `python -m tcptui`."""
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(argv).parse_args(argv)
    if getattr(args, "lang", "unset") is None:
        args.lang = default_lang()
    module_name, _, func_name = args.run.partition(":")
    try:
        module = __import__(module_name, fromlist=[func_name])  # importlib would cost a module more
        return int(getattr(module, func_name)(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
