"""The baseline of benchmarks/ui.py: a bare Textual app — a header, two labels, a log, a footer.
Pressing `a` appends a line to the log (the baseline's "move") and counts it in the second label
(so that a burst of keys can be checked: every `a` applied shows as the count)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label, RichLog


class Bare(App):
    BINDINGS = [("a", "add", "Add a line"), ("q", "quit", "Quit")]
    count = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("BARE-READY client")
        yield Label("count 0", id="count")
        yield RichLog(id="log")
        yield Footer()

    def action_add(self) -> None:
        self.count += 1
        self.query_one("#count", Label).update(f"count {self.count}")
        self.query_one(RichLog).write("a line for the log, as long as a segment's description in the game")


if __name__ == "__main__":
    Bare().run()
