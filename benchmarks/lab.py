"""Lab benchmark (prints numbers; nothing here asserts a time).

The figure of issue 15: the time from a player's "deliver" to both panels updated with the
kernel's state, on the lab SCREEN, against the same move on the sandbox screen, in the same run.
Both screens are driven with Textual's Pilot at 80×24 (headless: no terminal to write to, so the
time is the app's own), each playing the §4.2 reuse dance --rounds times, a fresh app each round:
the handshake, the server's close, TIME_WAIT, a SYN that meets it, the old ACK, the RST, the new
handshake (one session of each in turn, so that both meet the machine's load alike) — in the
lab, against two real kernels (the client's new SYN dropped and an old-looking
one crafted, as Linux takes a newer one: RFC 6191); in the sandbox, the engine (textbook rules,
where the notes' dance needs no crafted SYN). A deliver is timed from the ⏎ posted to the app to
the end of the first screen update after its action ran (the frame that shows the panels, the
wire, the ladder and the verdict of the move; Textual composes it whether or not a terminal
shows it). The medians and their ratio are printed (the issue's target: within 1.5×).

Also printed, as before: the lab's own deliver (tcptui.lab.Lab.play, no screen) against the
engine's (World.apply), and the lab's set-up time.

Needs what `tcptui lab` needs (root or CAP_NET_ADMIN, /dev/net/tun, pyroute2).

Run: .venv/bin/python benchmarks/lab.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DANCE = (
    "server listen; client connect; deliver 1; deliver 1; deliver 1; server close; deliver 1; deliver 1; "
    "client close; deliver 1; deliver 1; client connect; drop 1; client sends SYN seq=x+1; deliver 1; "
    "deliver 1; deliver 1; deliver 1; deliver 1; deliver 1"
)
HANDSHAKE = ("s", "a", "l", "c", "a", "c", "enter", "enter", "enter")
CLOSE = ("s", "a", "f", "enter", "enter", "c", "a", "f", "enter", "enter")
# The lab: the kernel's new SYN dropped, an old-looking one crafted (SYN seq=x+1), then the six
# deliveries of §4.2, each picked by what it is (a slow machine may see the SYN retransmitted).
LAB_OLD_SYN = ("c", "a", "c", "x", "p", "e", "1", "ctrl+u", "x", "plus", "1", "enter")
LAB_DELIVERIES = ("→ SYN seq=x+1", "← ACK", "→ RST", "→ SYN seq=x'", "← SYN+ACK", "→ ACK")
# The sandbox (textbook): the client's new SYN meets TIME_WAIT, which answers the old ACK, and so on.
SANDBOX_REUSE = ("c", "a", "c")


class Frames:
    """Times each deliver: from the ⏎ posted to the end of the first screen update after its action."""

    def __init__(self) -> None:
        from textual.app import App

        self.times: list[float] = []
        self.actions: list[float] = []  # the deliver action alone: the move and every widget redrawn
        self._posted: float | None = None
        self._acted = False
        original = App._display
        frames = self

        def display(app, screen, renderable):
            original(app, screen, renderable)
            if frames._acted and frames._posted is not None and renderable is not None:
                frames.times.append(time.perf_counter() - frames._posted)
                frames._posted, frames._acted = None, False

        App._display = display  # type: ignore[method-assign]

    def watch(self, screen_class) -> None:
        """Mark the end of each deliver action of `screen_class` (the frame after it is the one timed)."""
        original = screen_class.action_deliver
        frames = self

        def action_deliver(screen):
            start = time.perf_counter()
            original(screen)
            frames.actions.append(time.perf_counter() - start)
            frames._acted = True

        screen_class.action_deliver = action_deliver

    async def deliver(self, pilot) -> None:
        self._posted, self._acted = time.perf_counter(), False
        await pilot.press("enter")
        await _settle(pilot)


async def _settle(pilot) -> None:
    from tests.ui.helpers import settle

    await settle(pilot)


async def _keys(pilot, *names: str) -> None:
    from tests.ui.helpers import keys

    await keys(pilot, *names)


async def _pick(pilot, app, wanted: str) -> None:
    """Highlight the first segment in flight that reads `wanted` (its number key)."""
    from tests.ui.helpers import wire

    for line in wire(app):
        position, arrow, _serial, segment = line.split(None, 3)
        if f"{arrow} {segment}".startswith(wanted):
            await _keys(pilot, position)
            return
    raise RuntimeError(f"{wanted!r} is not in flight: {wire(app)}")


async def _open_and_close(pilot, frames: Frames) -> None:
    """The handshake, then the server's close and the client's, each ⏎ timed."""
    await _keys(pilot, *HANDSHAKE[:6])
    for _ in range(3):
        await frames.deliver(pilot)
    for call in (CLOSE[:3], CLOSE[5:8]):
        await _keys(pilot, *call)
        await frames.deliver(pilot)
        await frames.deliver(pilot)


async def lab_screen(frames: Frames, rounds: int) -> int:
    """The dance on the lab screen; returns the steps where the engine and the kernels differed."""
    from tcptui.ui.app import make_app
    from tcptui.ui.prefs import DEFAULT_PREFS
    from tcptui.ui.screens.lab import LabOptions

    differ = 0
    for _ in range(rounds):
        app = make_app(DEFAULT_PREFS._replace(lang="en"), start="lab", persist=False, lab=LabOptions({}, 1000, None))
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            await _open_and_close(pilot, frames)
            await pilot.press(*LAB_OLD_SYN)
            await _settle(pilot)
            for wanted in LAB_DELIVERIES:
                await _pick(pilot, app, wanted)
                await frames.deliver(pilot)
            differ += sum(1 for step in app.screen.lab.steps if step.differences)
    return differ


async def sandbox_screen(frames: Frames, rounds: int) -> None:
    from tests.ui.helpers import app_for

    for _ in range(rounds):
        app = app_for(lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await _open_and_close(pilot, frames)
            await _keys(pilot, *SANDBOX_REUSE)
            while app.screen.game.world.wire:
                await frames.deliver(pilot)


def lab_times(rounds: int) -> tuple[list[float], list[float]]:
    """Per-deliver times of tcptui.lab.Lab.play (no screen), and the lab's set-up times."""
    from tcptui.lab import Lab, parse_lab_moves

    delivers, setups = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        with Lab() as lab:
            setups.append(time.perf_counter() - start)
            for move in parse_lab_moves(DANCE):
                start = time.perf_counter()
                lab.play(move)
                if str(move).startswith("deliver"):
                    delivers.append(time.perf_counter() - start)
    return delivers, setups


def engine_times(rounds: int) -> list[float]:
    """The same moves in the engine: World.apply for every deliver (the crafted SYN at x+1)."""
    from tcptui.core.moves import Send
    from tcptui.core.profile import PROFILES, ProfileName
    from tcptui.core.segment import SYN, seq_sub
    from tcptui.core.states import Side
    from tcptui.core.world import World
    from tcptui.lab import parse_lab_moves

    times = []
    for _ in range(rounds * 50):  # the engine is fast: more rounds for a steady median
        world = World.new(profile=PROFILES[ProfileName.LINUX])
        for move in parse_lab_moves(DANCE):
            if str(move).startswith("client sends"):
                move = Send(Side.CLIENT, SYN, seq_sub(world.client.tcb.iss, 200))  # an old-looking SYN
            start = time.perf_counter()
            world = world.apply(move).world
            if str(move).startswith("deliver"):
                times.append(time.perf_counter() - start)
    return times


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    return f"median {statistics.median(values) * 1000:.2f} ms (p90 {ordered[int(len(ordered) * 0.9)] * 1000:.2f} ms)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="sessions played on each screen (default: %(default)s)")
    args = parser.parse_args()
    from tcptui.lab import unavailable

    reason = unavailable()
    if reason:
        print(f"benchmarks/lab.py: {reason}", file=sys.stderr)
        return 2
    from tcptui.ui.screens.play import PlayScreen

    frames = Frames()
    frames.watch(PlayScreen)  # (the lab screen's deliver is the play screen's)
    asyncio.run(sandbox_screen(frames, 1))  # warm-up: imports, first layouts
    asyncio.run(lab_screen(frames, 1))
    sandbox, lab, sandbox_actions, lab_actions, differ = [], [], [], [], 0
    for _ in range(args.rounds):  # one session of each in turn: both see the machine as it is then
        frames.times.clear(), frames.actions.clear()
        asyncio.run(sandbox_screen(frames, 1))
        sandbox += frames.times
        sandbox_actions += frames.actions
        frames.times.clear(), frames.actions.clear()
        differ += asyncio.run(lab_screen(frames, 1))
        lab += frames.times
        lab_actions += frames.actions
    print(f"sandbox screen: ⏎ → frame with both panels: {_ms(sandbox)} over {len(sandbox)} delivers")
    print(f"lab screen:     ⏎ → frame with both kernels: {_ms(lab)} over {len(lab)} delivers")
    print(f"ratio lab screen / sandbox screen: {statistics.median(lab) / statistics.median(sandbox):.2f}×")
    ratio = statistics.median(lab_actions) / statistics.median(sandbox_actions)
    print(f"the deliver action alone (the move, every widget redrawn): sandbox {_ms(sandbox_actions)}")
    print(f"    lab {_ms(lab_actions)}; ratio {ratio:.2f}×")
    print(f"    (steps where the kernels differed from the engine: {differ}; README.md lists why)")
    delivers, setups = lab_times(args.rounds)
    engine = engine_times(args.rounds)
    print(f"lab set-up (two namespaces, devices, diag sockets): median {statistics.median(setups) * 1000:.1f} ms")
    engine_us = statistics.median(engine) * 1e6
    print(f"Lab.play deliver (no screen): {_ms(delivers)}; engine World.apply: median {engine_us:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
