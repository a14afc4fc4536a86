"""Can the lab run here? One sentence saying what is missing, or None.

The home screen calls `unavailable()` to grey out the lab's entry with the reason, and
`tcptui lab` prints it and exits 2. The checks are cheap (no namespace is kept, nothing is
imported but the standard library) and in the order a user would fix them.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading


def unavailable() -> str | None:
    """None when the lab can run; else one line naming exactly what is missing."""
    if not sys.platform.startswith("linux"):
        return f"the lab needs Linux network namespaces; this is {sys.platform}"
    if importlib.util.find_spec("pyroute2") is None:
        return "the lab needs pyroute2: pip install 'tcptui[lab]'"
    try:
        os.close(os.open("/dev/net/tun", os.O_RDWR | os.O_CLOEXEC))
    except FileNotFoundError:
        return "the lab needs the TUN device /dev/net/tun (modprobe tun)"
    except OSError as e:
        return f"the lab cannot open /dev/net/tun ({e.strerror}): run it as root (or with CAP_NET_ADMIN)"
    problem = _try_unshare()
    if problem:
        return f"the lab cannot create a network namespace ({problem}): run it as root (or with CAP_SYS_ADMIN)"
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
