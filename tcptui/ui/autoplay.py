"""Auto-play, as Packet Tracer's simulation mode plays a scenario: one step at a time on a timer,
space to pause (and go on), + and − to change the speed.

A screen mixes AutoPlay in, lists AUTOPLAY_BINDINGS before its own (so that while it plays,
space pauses, whatever else space does on that screen), and says what one step is (`autoplay_step`,
False when nothing is left). The bindings show in the key bar only while auto-play is on.
"""

from __future__ import annotations

from textual.binding import Binding

SPEEDS = (3.0, 2.0, 1.2, 0.8, 0.5, 0.3)  # seconds a step, slow to fast
DEFAULT_SPEED = 2

AUTOPLAY_BINDINGS = [
    Binding("space", "autoplay_pause", "Pause", key_display="space", priority=True),
    Binding("plus,equals_sign", "autoplay_faster", "Faster", key_display="+/−", priority=True),
    Binding("minus", "autoplay_slower", "Slower", show=False, priority=True),
]
_ACTIONS = {"autoplay_pause", "autoplay_faster", "autoplay_slower"}


class AutoPlay:
    """Steps on a timer. `autoplaying`: on (playing or paused); `autoplay_paused`: paused."""

    autoplaying = False
    autoplay_paused = False
    autoplay_speed = DEFAULT_SPEED
    _autoplay_timer = None

    def autoplay_step(self) -> bool:
        """Hook: make one step; False when there is nothing left to play."""
        return False

    def autoplay_changed(self) -> None:
        """Hook: auto-play started, paused, changed speed or stopped (redraw what shows it)."""

    def start_autoplay(self, paused: bool = False) -> None:
        """Play from here, at the current speed (or wait, paused, for space)."""
        self.stop_autoplay(quiet=True)
        self.autoplaying, self.autoplay_paused = True, paused
        self._autoplay_timer = self.set_interval(SPEEDS[self.autoplay_speed], self._autoplay_tick)  # type: ignore[attr-defined]
        self._autoplay_redraw()

    def stop_autoplay(self, quiet: bool = False) -> None:
        """Stop (a move of the player's own stops it too)."""
        if self._autoplay_timer is not None:
            self._autoplay_timer.stop()
            self._autoplay_timer = None
        was = self.autoplaying
        self.autoplaying = self.autoplay_paused = False
        if was and not quiet:
            self._autoplay_redraw()

    def _autoplay_tick(self) -> None:
        if self.autoplay_paused:
            return
        if not self.autoplay_step():
            self.stop_autoplay()

    def _autoplay_redraw(self) -> None:
        self.autoplay_changed()
        self.refresh_bindings()  # type: ignore[attr-defined]

    def autoplay_status(self, lang: str) -> str:
        """'▶ 1.2 s' or '⏸ 1.2 s' while on, else ''."""
        if not self.autoplaying:
            return ""
        return f"{'⏸' if self.autoplay_paused else '▶'} {SPEEDS[self.autoplay_speed]:g} s"

    def autoplay_allows(self, action: str) -> bool | None:
        """check_action's part: the auto-play keys only while it is on (None: not one of them)."""
        if action in _ACTIONS:
            return self.autoplaying
        return None

    def action_autoplay_pause(self) -> None:
        """Pause, or go on."""
        if self.autoplaying:
            self.autoplay_paused = not self.autoplay_paused
            self._autoplay_redraw()

    def action_autoplay_faster(self) -> None:
        self._autoplay_set_speed(self.autoplay_speed + 1)

    def action_autoplay_slower(self) -> None:
        self._autoplay_set_speed(self.autoplay_speed - 1)

    def _autoplay_set_speed(self, speed: int) -> None:
        speed = max(0, min(len(SPEEDS) - 1, speed))
        if speed == self.autoplay_speed or not self.autoplaying:
            return
        self.autoplay_speed = speed
        paused = self.autoplay_paused
        self.start_autoplay()
        self.autoplay_paused = paused
        self._autoplay_redraw()
