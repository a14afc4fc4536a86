"""Where a kernel and the engine disagree on a move: a value, put into words by the catalogues.

A lab Step records each disagreement as a `Difference`; the report (JSON Lines) writes it in
English (`str(difference)`), the headless output and the play screen in the player's language
(`text(lang)`). Segments are written as the notes write them (`SYN+ACK seq=y ack=x+1`), which
reads the same in every language.
"""

from __future__ import annotations

from collections import namedtuple

from ..text import ui

# The kernel's answers that are words rather than errno names (Step.answer).
_ANSWERS = {"ok": "lab.answer.ok", "no timer": "lab.answer.no-timer"}


class Difference(namedtuple("Difference", "what side name kernel engine rule")):
    """One disagreement.

    - what: "call" (a socket call succeeds in one and fails in the other), "timer" (a timer one of
      them has running), "state" (the state after the move), "sends" (the segments sent).
    - side: the Side concerned; name: the call's or the timer's name ("send", "rto"), else "".
    - kernel: the kernel's answer ("ok", an errno name, "no timer"), its State, or the segments it
      sent (a tuple of descriptions); engine: "refuses" | "accepts" (a call), "no-timer" | "fires"
      (a timer), its State, or the segments it predicted.
    - rule: the engine's deciding rule id for a call or a timer, else None.
    """

    __slots__ = ()

    def text(self, lang: str = "en") -> str:
        """One line: 'client send: kernel answers EAGAIN, engine accepts it (app.send-queued)'."""
        side = ui(f"who.{self.side.value}", lang)
        kernel, engine = self.kernel, self.engine
        if self.what in ("call", "timer"):
            kernel = ui(_ANSWERS[kernel], lang) if kernel in _ANSWERS else kernel
            engine = ui(f"lab.engine.{engine}", lang)
        elif self.what == "state":
            kernel, engine = kernel.value, engine.value
        else:
            kernel, engine = (_segments(s, lang) for s in (kernel, engine))
        return ui(
            f"lab.differs.{self.what}", lang, side=side, name=self.name, kernel=kernel, engine=engine, rule=self.rule
        )

    def __str__(self) -> str:
        return self.text("en")


def _segments(described: tuple, lang: str) -> str:
    return "; ".join(described) or ui("lab.nothing", lang)
