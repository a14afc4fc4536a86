"""Mutated captures (tests/capture/attack.py): reading and replaying them never raises anything but
the one CaptureError (a one-line message), and the command line never shows a traceback, never
hangs, never grows without bound, says so when a file is cut short, and writes only JSON with
--json. Seeded: every run tries the same files. A few hundred cases here; TCPTUI_SLOW=1 for
thousands."""

import json
import os
import random
import sys

import pytest

from tcptui.capture.read import Capture, CaptureError
from tcptui.capture.replay import json_line, replay
from tcptui.capture.summary import summarize
from tcptui.core import PROFILES, ProfileName

from ..conftest import KERNEL_CAPTURES
from . import attack

SLOW = os.environ.get("TCPTUI_SLOW") == "1"
IN_PROCESS = 3000 if SLOW else 600
THROUGH_THE_CLI = 3000 if SLOW else 300

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the attack forks and reads /proc")


def replay_all(path) -> int:
    """Everything the command does with a capture, in-process; returns the rows replayed."""
    rows = []
    try:
        with Capture(path) as capture:
            for row in replay(capture, PROFILES[ProfileName.LINUX]):
                rows.append(row)
                json.loads(json_line(row))
    except CaptureError as e:
        assert "\n" not in str(e) and str(e)
    summarize(rows)
    return len(rows)


def test_mutated_captures_never_raise(tmp_path):
    rng = random.Random(20240605)
    made = attack.bases(str(tmp_path))
    kernel = [p.read_bytes() for p in sorted(KERNEL_CAPTURES.glob("*.pcap"))[:3]]
    made += [(f"kernel-{i}", data, attack._pcap_ends(data)) for i, data in enumerate(kernel)]
    path = tmp_path / "mutant"
    tried = replayed = 0
    for base in made:
        for mutant in attack.mutants(base, rng, IN_PROCESS // len(made)):
            path.write_bytes(mutant.data)
            replayed += replay_all(path) > 0
            tried += 1
    assert tried >= IN_PROCESS - len(made) and replayed > tried // 4  # many mutants still hold packets to replay


def test_the_command_line_survives_every_mutant():
    tried, failed, examples = attack.attack(THROUGH_THE_CLI, seed=9)
    print(f"capture attack: tried {tried}, failed {sum(failed.values())} {dict(failed)}")
    assert tried == THROUGH_THE_CLI and not failed, examples
