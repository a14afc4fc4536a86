"""Where the progress file is: light enough for a start-up to ask before it opens anything
(the store itself imports SQLite and more, which a start-up with nothing saved can skip)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError

FILE_NAME = "progress.db"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir, else $TCPTUI_DATA_DIR, else the platform's user data directory."""
    chosen = override or os.environ.get("TCPTUI_DATA_DIR")
    if not chosen:
        import platformdirs

        chosen = platformdirs.user_data_dir("tcptui", appauthor=False)
    try:
        return Path(chosen).expanduser()
    except RuntimeError:  # "~nosuchuser/…", or "~/…" with no home directory
        raise StoreError(
            f"cannot find the home directory in the data directory {os.fspath(chosen)!r}; "
            "give a folder that exists (--data-dir or TCPTUI_DATA_DIR)"
        ) from None


def saved_file(override: str | os.PathLike | None = None) -> Path:
    """The progress file (it may not exist yet)."""
    return data_dir(override) / FILE_NAME
