"""`tcptui check PATH...`: lint puzzle files and folders for authors; one line per problem."""

from __future__ import annotations

import sys


def run(args) -> int:
    """Exit 0 when every file is good, 2 otherwise (or when a path does not exist)."""
    from ..puzzle.linter import check_files

    try:
        count, problems = check_files(args.paths)
    except FileNotFoundError as e:
        sys.stderr.write(f"tcptui check: no such file or folder: {e}\n")
        return 2
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    if not count:
        sys.stderr.write("tcptui check: no puzzle files (*.toml) found\n")
        return 2
    if problems:
        sys.stderr.write(f"{len(problems)} problem(s) in {count} file(s)\n")
        return 2
    sys.stdout.write(f"{count} puzzle file(s): all good\n")
    return 0
