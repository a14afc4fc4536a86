"""`tcptui diagram`: the whole TCP state diagram, drawn from the core's transition table.

Text for reading (80 columns, Chinese or English), Mermaid to paste into notes (any Mermaid viewer
renders it), DOT for Graphviz. Nothing but the core's table and the text catalogue is imported.
"""

from __future__ import annotations

import sys


def run(args) -> int:
    """Print the diagram in the chosen format."""
    from ..core.profile import Profile
    from ..diagram import render

    out = render(args.format, Profile.named(args.profile), args.lang)
    try:
        sys.stdout.write(out)
    except UnicodeEncodeError:  # a terminal that cannot show Chinese: say so in one line
        sys.stderr.write("tcptui diagram: this terminal cannot show the text; try --lang en\n")
        return 2
    return 0
