"""Files written whole or not at all: the text goes to a temporary file in the same folder, is
flushed to the disk, then renamed over the target, so a process killed at any moment leaves the
old file or the new one, never half of one (the kept sandbox game, a puzzle made from a capture)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path, text: str) -> None:
    """Write `text` to `path` atomically; OSError as the file system says (a missing folder too)."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
