"""tcptui's engine: TCP as RFC 9293 (with RFC 5961) describes it, for two endpoints and a wire.

Pure and sans-IO: nothing here imports Textual, Rich, files or clocks. Everything returns a
value. Start with `World.new()`, make moves with `World.apply(move)` (or a `Game`, which keeps
the history for undo/redo), and read `Outcome.rule` against `rules.RULES`.
"""

from .endpoint import App, Endpoint, Tcb, closed_endpoint
from .game import Game, Score
from .moves import AppCall, Crash, Deliver, Drop, Duplicate, Fire, Restart, Send, parse_move, send_of
from .network import InFlight
from .profile import DEFAULT_PROFILE, PROFILES, Profile, ProfileName, TimewaitSyn
from .rules import RULES, Rule
from .segment import Flags, Segment
from .states import Call, Reaction, Replies, Side, State, Timer, Verdict
from .validate import Kind
from .world import Outcome, World, isn_for

__all__ = ["App", "AppCall", "Call", "Crash", "DEFAULT_PROFILE", "Deliver", "Drop", "Duplicate", "Endpoint",
           "Fire", "Flags", "Game", "InFlight", "Kind", "Outcome", "PROFILES", "Profile", "ProfileName",
           "RULES", "Reaction", "Replies", "Restart", "Rule", "Score", "Segment", "Send", "Side", "State",
           "Tcb", "Timer", "TimewaitSyn", "Verdict", "World", "closed_endpoint", "isn_for", "parse_move",
           "send_of"]
