"""The baseline of benchmarks/ui.py: a bare Textual app — a header, two labels, a log, a footer.
Pressing `a` appends a line to the log (the baseline's "move")."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label, RichLog


class Bare(App):
    BINDINGS = [("a", "add", "Add a line"), ("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("BARE-READY client")
        yield Label("server")
        yield RichLog(id="log")
        yield Footer()

    def action_add(self) -> None:
        self.query_one(RichLog).write("a line for the log, as long as a segment's description in the game")


if __name__ == "__main__":
    Bare().run()
