"""The glossary in the help screen: each term with the RFC's name, in the player's language."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ...text import references
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
        names = term.names(lang)  # never the head again (an English term is often its own name)
        name = Text(names[0] if names else "", style="bold")
        for other in names[1:]:
            name.append(f"  {other}", style="dim")
        about = Prose(f"{term.line(lang)} ({references(term.rfc, lang)})")
        table.add_row(term.term, Group(name, about) if names else about)
    return table
