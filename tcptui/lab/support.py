"""Can the lab run here? One sentence saying what is missing, or None.

The home screen calls `missing()` once to grey out the lab's entry with the reason, and `tcptui
lab` prints `unavailable()` and exits 2. The checks are cheap (no namespace is kept, nothing is
imported but the standard library) and in the order a user would fix them. The sentence is the
catalogues' (lab.unavailable.*), in the player's language.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading

from ..text import ui


def unavailable(lang: str = "en") -> str | None:
    """None when the lab can run; else one line naming exactly what is missing."""
    found = missing()
    return None if found is None else ui(found[0], lang, **found[1])


def missing() -> tuple[str, dict] | None:
    """What is missing, as a catalogue key and its facts; None when the lab can run."""
    if not sys.platform.startswith("linux"):
        return "lab.unavailable.platform", {"platform": sys.platform}
    if importlib.util.find_spec("pyroute2") is None:
        return "lab.unavailable.pyroute2", {}
    try:
        os.close(os.open("/dev/net/tun", os.O_RDWR | os.O_CLOEXEC))
    except FileNotFoundError:
        return "lab.unavailable.tun", {}
    except OSError as e:
        return "lab.unavailable.tun-denied", {"error": e.strerror}
    problem = _try_unshare()
    if problem:
        return "lab.unavailable.netns", {"error": problem}
    return None


def _try_unshare() -> str | None:
    """unshare(CLONE_NEWNET) in a throwaway thread: the namespace dies with the thread."""
    from .netns import unshare_net

    result: list[str | None] = [None]

    def attempt() -> None:
        try:
            unshare_net()
        except OSError as e:
            result[0] = os.strerror(e.errno) if e.errno else str(e)

    thread = threading.Thread(target=attempt, name="tcptui-lab-check")
    thread.start()
    thread.join()
    return result[0]
