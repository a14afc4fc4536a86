"""The connections of a capture: one entry each (index, endpoints, packets, both final states,
RSTs, notes), the highlighted one's RSTs and notes below. ↑↓ and ⏎, a click, or its number."""

from __future__ import annotations

import os

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.rules import RULES
from ...text import ui
from ..look import STATE_ICON, STATE_STYLE, set_titles
from ..widgets.keybar import KeyBar
from .base import FitScreen
from ...text.wrap import Prose

MAX_PREVIEW = 4  # RSTs and notes spelled out below the list


class ReplayPickScreen(FitScreen):
    """Choose a connection of a loaded capture (capture.browse.Loaded)."""

    BINDINGS = [
        Binding("enter", "open_conn", "Open", key_display="⏎", priority=True),
        *[Binding(str(d), f"pick_number({d})", "Number", show=False) for d in range(10)],
        Binding("L", "lang", "中文/EN"),
        Binding("q,escape", "back", "Back", key_display="q"),
    ]

    def __init__(self, loaded, **kwargs) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded
        self.typed = ""  # digits typed so far: the number of the connection to go to

    def compose(self) -> ComposeResult:
        with Vertical(classes="body"):
            yield Static(id="topbar")
            yield OptionList(id="replay-list")
            yield Static(id="replay-preview")
            yield KeyBar(self.app.prefs.lang, id="keys")
        yield self.too_small_message()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.apply_prefs()

    def apply_prefs(self) -> None:
        """The list in the current language, the same connection highlighted."""
        lang = self.app.prefs.lang
        listing = self.query_one(OptionList)
        keep = listing.highlighted or 0
        width = max(len(s.client) + len(s.server) for s in self.loaded.summaries) + 3
        listing.clear_options()
        listing.add_options([Option(_entry(s, width, lang)) for s in self.loaded.summaries])
        listing.highlighted = keep
        self._top(lang)
        self._preview(keep)
        self.query_one(KeyBar).set_lang(lang)

    def _top(self, lang: str) -> None:
        """The file, its counts and the rules; what was typed. On two lines when one would be cut
        at 80 columns (a long file name): the counts under the file name."""
        loaded = self.loaded
        file = os.path.basename(loaded.path)
        head = ui("replay.ui.title", lang) + "   │ "
        about = ui(
            "replay.ui.list-top",
            lang,
            file=file,
            conns=len(loaded.summaries),
            packets=sum(s.packets for s in loaded.summaries),
            profile=loaded.profile.name.value,
        )
        if self.typed:
            about += "   " + ui("replay.ui.typed", lang, number=self.typed)
        width = (self.app.size.width or 80) - 2  # the bar's padding
        if cell_len(head + about) > width and about.startswith(file + " · "):
            about = file + "\n" + " " * cell_len(head) + about[len(file) + 3 :]
        self.query_one("#topbar", Static).update(Text(head + about, no_wrap=True, overflow="ellipsis"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(event.option_index)

    def _preview(self, index: int) -> None:
        """The highlighted connection's RSTs (why, and what they did) and notes."""
        lang, s = self.app.prefs.lang, self.loaded.summaries[index]
        preview = self.query_one("#replay-preview", Static)
        set_titles(preview, ui("replay.ui.preview", lang, conn=s.conn))
        lines = [_reset_line(r, lang) for r in s.resets] + [_note_line(n, lang) for n in s.notes]
        if len(lines) > MAX_PREVIEW:
            lines = lines[: MAX_PREVIEW - 1] + [Text(ui("replay.more-notes", lang, count=len(lines) - MAX_PREVIEW + 1))]
        preview.update(
            Prose(Text("\n").join(lines) if lines else Text(ui("replay.ui.preview.quiet", lang), style="dim"))
        )

    # -- choosing ------------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click (or ⏎ on the list) opens the connection."""
        self.action_open_conn()

    def action_open_conn(self) -> None:
        """Step through the highlighted connection."""
        from .replay import ReplayScreen

        index = self.query_one(OptionList).highlighted
        self.typed = ""
        self._top(self.app.prefs.lang)
        if index is not None:
            self.app.push_screen(ReplayScreen(self.loaded, index))

    def action_pick_number(self, digit: int) -> None:
        """Typed digits make a connection number: highlight it (a digit that fits none starts anew)."""
        count = len(self.loaded.summaries)
        typed = self.typed + str(digit)
        if int(typed) >= count:
            typed = str(digit)
        self.typed = typed if int(typed) < count else ""
        if self.typed:
            listing = self.query_one(OptionList)
            listing.highlighted = int(self.typed)
            listing.scroll_to_highlight()
        self._top(self.app.prefs.lang)

    def action_lang(self) -> None:
        self.app.toggle_lang()

    def action_back(self) -> None:
        self.app.leave(self)


def _state(state) -> tuple[str, str]:
    """A final state as the panels show it: icon and name in reverse video (NO_COLOR keeps both)."""
    return f" {STATE_ICON[state]} {state.value} ", STATE_STYLE[state]


def _entry(s, width: int, lang: str) -> Text:
    """'#  client → server  N packets  RST × n', then both final states, then the notes (if any)."""
    ends = f"{s.client} → {s.server}"
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{s.conn:>3}  ", style="bold")
    text.append(ends.ljust(width))
    text.append(f"  {s.packets:>6} {ui('replay.col.packets', lang)}", style="dim")
    if s.resets:
        text.append(f"  RST × {len(s.resets)}", style="bold red")
    text.append(f"\n     {ui('replay.col.client', lang)} ")
    text.append(*_state(s.final[0]))
    text.append(f"   {ui('replay.col.server', lang)} ")
    text.append(*_state(s.final[1]))
    labels = sorted({ui(f"replay.note.{n.kind}", lang, **dict(n.params)) for n in s.notes})
    if labels:  # a line of their own: beside both states they would not fit 80 columns
        text.append("\n     ⚑ " + ", ".join(labels), style="bold yellow")
    return text


def _where(rule: str | None) -> str:
    """'rule (§x)' for a rule id, or '' when there is none."""
    if rule is None or rule not in RULES:
        return ""
    doc = RULES[rule].doc
    return f"{rule} (§{doc})" if doc else rule


def _reset_line(r, lang: str) -> Text:
    """'frame 10: RST from the client · why: synsent.bad-ack (§4.2) · effect on the server: timewait.rst (§4.2)'."""
    side = ui(f"replay.side.{r.side.value}", lang)
    text = Text(ui("replay.rst", lang, frame=r.frame, flags=r.label, side=side), style="bold")
    if r.cause:
        text.append(f" · {ui('replay.why', lang)}: {_where(r.cause)}")
    if r.effect:
        peer = ui(f"replay.side.{r.side.peer.value}", lang)
        text.append(f" · {ui('replay.effect', lang, side=peer)}: {_where(r.effect)}")
    return text


def _note_line(n, lang: str) -> Text:
    """A note as the summary words it, flagged."""
    side, params = ui(f"replay.side.{n.side.value}", lang), dict(n.params)
    if n.kind == "stuck":
        return Text("⚑ " + ui(f"replay.stuck.{params['state']}", lang, side=side), style="yellow")
    return Text("⚑ " + ui(f"replay.{n.kind}", lang, frame=n.frame, side=side, **params), style="yellow")
