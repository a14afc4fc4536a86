"""The glossary in the help screen: each term with the RFC's name, in the player's language."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ...text.glossary import glossary
from ...text.wrap import Prose


def glossary_table(lang: str) -> Table:
    """One term a row: 'ISS' beside its name (the English one too, in Chinese) and one line about it."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for term in glossary():
        if not term.help:
            continue
        name = Text(term.text(lang), style="bold")
        if lang == "zh":
            name.append(f"  {term.en}", style="dim")
        table.add_row(term.term, Group(name, Prose(f"{term.line(lang)} ({term.rfc})")))
    return table
