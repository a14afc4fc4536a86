"""tcptui's engine: TCP as RFC 9293 (with RFC 5961) describes it, for two endpoints and a wire.

Pure and sans-IO: nothing here imports Textual, Rich, files or clocks. Everything returns a
value. Start with `World.new()`, make moves with `World.apply(move)` (or a `Game`, which keeps
the history for undo/redo), and read `Outcome.rule` against `rules.RULES`.
"""

from .._lazy import lazy_exports

# Names are imported on first use (PEP 562), so that `from tcptui.core.states import State` — or
# `tcptui explain`, which needs only one endpoint — does not pay for the world, the game and the rest.
_EXPORTS = {
    "MoveKind": "available",
    "Offer": "available",
    "candidates": "available",
    "playable": "available",
    "App": "endpoint",
    "Endpoint": "endpoint",
    "Tcb": "endpoint",
    "closed_endpoint": "endpoint",
    "endpoint_in": "endpoint",
    "Game": "game",
    "Score": "game",
    "AppCall": "moves",
    "Crash": "moves",
    "Deliver": "moves",
    "Drop": "moves",
    "Duplicate": "moves",
    "Fire": "moves",
    "Restart": "moves",
    "Send": "moves",
    "parse_move": "moves",
    "send_of": "moves",
    "InFlight": "network",
    "DEFAULT_PROFILE": "profile",
    "PROFILES": "profile",
    "Profile": "profile",
    "ProfileName": "profile",
    "TimewaitSyn": "profile",
    "RULES": "rules",
    "Rule": "rules",
    "Flags": "segment",
    "Segment": "segment",
    "Call": "states",
    "Reaction": "states",
    "Replies": "states",
    "Side": "states",
    "State": "states",
    "Timer": "states",
    "Verdict": "states",
    "Kind": "validate",
    "Outcome": "world",
    "World": "world",
    "isn_for": "world",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
