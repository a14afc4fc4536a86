"""Every scenario of the notes, start to end, through the whole engine (World + Game).

Moves are written in the game's notation (`deliver 1` = the oldest segment in flight).
"""

from tcptui.core import Game, Replies, State, World, parse_move
from tcptui.core.endpoint import App, Endpoint, Tcb
from tcptui.core.network import InFlight
from tcptui.core.profile import PROFILES, ProfileName
from tcptui.core.segment import ACK, PSH, Segment
from tcptui.numbers import describe_item
from tcptui.core.states import Side


def play(game: Game, *moves: str):
    """Apply moves; return the outcomes."""
    return [game.apply(parse_move(m)) for m in moves]


def states(game: Game):
    return game.world.client.state, game.world.server.state


def wire(game: Game):
    """What is in flight, as the notes write it."""
    return [f"{item.src.value}: {describe_item(item, game.world.symbols, True)}" for item in game.world.wire]


def established(seed=7, **kw) -> Game:
    game = Game(World.new(seed=seed, **kw))
    play(game, "server listen", "client connect", "deliver 1", "deliver 1", "deliver 1")
    assert states(game) == (State.ESTABLISHED, State.ESTABLISHED)
    return game


def test_section_2_three_way_handshake():
    game = Game(World.new(seed=1))
    play(game, "server listen", "client connect")
    assert states(game) == (State.SYN_SENT, State.LISTEN)
    assert wire(game) == ["client: SYN seq=x"]
    play(game, "deliver 1")
    assert states(game) == (State.SYN_SENT, State.SYN_RCVD)
    assert wire(game) == ["server: SYN+ACK seq=y ack=x+1"]
    play(game, "deliver 1")
    assert states(game) == (State.ESTABLISHED, State.SYN_RCVD)
    assert wire(game) == ["client: ACK seq=x+1 ack=y+1"]
    play(game, "deliver 1")
    assert states(game) == (State.ESTABLISHED, State.ESTABLISHED) and wire(game) == []


def test_section_3_four_way_close_with_half_close_data():
    game = established()
    out = play(game, "client close", "deliver 1")
    assert out[-1].rule == "close.fin-received" and states(game) == (State.FIN_WAIT_1, State.CLOSE_WAIT)
    play(game, "deliver 1")
    assert states(game) == (State.FIN_WAIT_2, State.CLOSE_WAIT)
    # §3.2: the passive side may still send; here the client called shutdown()? No: close() —
    # so use a client that only half-closed to take the data (see the next test for close()).
    play(game, "server close", "deliver 1")
    assert states(game) == (State.TIME_WAIT, State.LAST_ACK)
    play(game, "deliver 1")
    assert states(game) == (State.TIME_WAIT, State.CLOSED)
    play(game, "client timer 2msl")
    assert states(game) == (State.CLOSED, State.CLOSED)


def test_section_3_2_half_close_server_keeps_sending():
    game = established()
    play(game, "client shutdown", "deliver 1", "deliver 1", "server send-data 100", "deliver 1")
    assert states(game) == (State.FIN_WAIT_2, State.CLOSE_WAIT)
    assert game.history[-1].rule == "data.accept-half-closed"
    assert wire(game) == ["client: ACK seq=x+2 ack=y+101"]


def test_data_after_full_close_is_reset():
    game = established()
    out = play(game, "client close", "deliver 1", "deliver 1", "server send-data 100", "deliver 1")
    assert out[-1].rule == "data.after-close" and states(game) == (State.CLOSED, State.CLOSE_WAIT)
    play(game, "deliver 1")
    assert states(game) == (State.CLOSED, State.CLOSED) and game.history[-1].rule == "rst.reset"


def test_section_3_4_fin_ack_shortcut():
    game = established()
    play(game, "client close", "deliver 1")  # the server's ACK is in flight…
    play(game, "drop 1", "server close")  # …lost; the server's FIN carries the same ACK
    out = play(game, "deliver 1")
    assert out[0].rule == "close.fin-ack-shortcut"
    assert [(c.old, c.new) for _, c in out[0].changes] == [(State.FIN_WAIT_1, State.TIME_WAIT)]
    play(game, "deliver 1")
    assert states(game) == (State.TIME_WAIT, State.CLOSED)


def test_section_4_1_b_lost_final_ack():
    game = established()
    play(game, "client close", "deliver 1", "deliver 1", "server close", "deliver 1")
    assert states(game) == (State.TIME_WAIT, State.LAST_ACK)
    play(game, "drop 1", "server timer rto")  # the final ACK is lost; the FIN comes again
    out = play(game, "deliver 1")
    assert out[0].rule == "timewait.fin-reack" and states(game) == (State.TIME_WAIT, State.LAST_ACK)
    play(game, "deliver 1")
    assert states(game) == (State.TIME_WAIT, State.CLOSED)


def test_section_4_1_b_without_time_wait_the_fin_meets_a_reset():
    game = established()
    play(
        game,
        "client close",
        "deliver 1",
        "deliver 1",
        "server close",
        "deliver 1",
        "drop 1",
        "client timer 2msl",
        "server timer rto",
        "deliver 1",
    )
    assert game.history[-1].rule == "rst.no-connection"
    play(game, "deliver 1")
    assert game.history[-1].rule == "rst.closing" and states(game) == (State.CLOSED, State.CLOSED)


def test_section_4_1_a_late_segment_corrupts_a_new_connection():
    """TIME_WAIT cut short: a delayed data segment of the old connection lands in the new one."""
    x_old, y_old, x_new, y_new = 1000, 5000, 1000 - 300, 5000 - 400
    # The new connection is established; its windows cover the old connection's numbers.
    client = Endpoint(
        State.ESTABLISHED, Tcb(x_new, y_new, x_new + 1, x_new + 1, 65535, y_new + 1, 65535), False, App.NONE, 0, ()
    )
    server = Endpoint(
        State.ESTABLISHED, Tcb(y_new, x_new, y_new + 1, y_new + 1, 65535, x_new + 1, 65535), True, App.LISTENING, 0, ()
    )
    # A data segment sent by the old client (ISS x_old) was held up in the network until now.
    old = InFlight(1, Side.CLIENT, Segment(PSH | ACK, x_new + 1, y_new + 1, 100), x_old)
    world = World.new(
        client=client, server=server, wire=(old,), symbols=((x_old, "x"), (y_old, "y"), (x_new, "x'"), (y_new, "y'"))
    )
    out = world.apply(parse_move("deliver 1"))
    assert out.rule == "data.late-accepted"
    assert out.world.server.tcb.rcv_nxt == x_new + 101  # the old bytes are now the new stream's


def test_section_4_2_port_reuse_against_time_wait():
    """The server closed first and waits; the client reuses the port at once (the notes' story)."""
    game = established()
    play(game, "server close", "deliver 1", "deliver 1", "client close", "deliver 1", "deliver 1")
    assert states(game) == (State.CLOSED, State.TIME_WAIT)
    out = play(game, "client sends SYN seq=100", "deliver 1")
    assert out[-1].rule == "timewait.syn-reuse" and wire(game)[0].startswith("server: ACK")
    out = play(game, "deliver 1")  # the client sees an ACK that is not for its SYN
    assert out[0].rule == "synsent.bad-ack" and states(game) == (State.SYN_SENT, State.TIME_WAIT)
    out = play(game, "deliver 1")  # its RST kills TIME_WAIT
    assert out[0].rule == "timewait.rst" and states(game) == (State.SYN_SENT, State.CLOSED)
    play(game, "client timer rto", "deliver 1", "deliver 1", "deliver 1")
    assert states(game) == (State.ESTABLISHED, State.ESTABLISHED)


def test_section_4_2_linux_accepts_a_newer_syn_at_once():
    game = established(profile=PROFILES[ProfileName.LINUX])
    play(game, "server close", "deliver 1", "deliver 1", "client close", "deliver 1", "deliver 1")
    far_ahead = (game.world.server.tcb.rcv_nxt + 1_000_000) % (1 << 32)
    out = play(game, f"client sends SYN seq={far_ahead}", "deliver 1")
    assert out[-1].rule == "timewait.syn-accept-newer" and states(game) == (State.SYN_SENT, State.SYN_RCVD)


def test_section_4_4_1_no_listener():
    game = Game(World.new())
    out = play(game, "client connect", "deliver 1", "deliver 1")
    assert out[1].rule == "rst.no-listener" and out[2].rule == "rst.refused"
    assert states(game) == (State.CLOSED, State.CLOSED)


def test_section_4_4_2_handshake_too_slow():
    game = Game(World.new())
    play(game, "server listen", "client connect", "deliver 1", "deliver 1")  # client ESTABLISHED, its ACK in flight
    play(game, "server timer give-up")  # the server gave up on the half-open connection
    assert states(game) == (State.ESTABLISHED, State.LISTEN)
    out = play(game, "deliver 1", "deliver 1")
    assert out[0].rule == "rst.listen-ack" and out[1].rule == "rst.reset"
    assert states(game) == (State.CLOSED, State.LISTEN)


def test_section_4_4_3_abort():
    game = established()
    out = play(game, "client abort", "deliver 1")
    assert out[0].rule == "app.abort" and out[1].rule == "rst.reset"
    assert states(game) == (State.CLOSED, State.CLOSED)


def test_section_4_4_4_server_restarted():
    game = established()
    play(game, "server crash", "server restart", "client send-data 100")
    out = play(game, "deliver 1", "deliver 1")
    assert out[0].rule == "rst.listen-unknown" and out[1].rule == "rst.reset"
    assert states(game) == (State.CLOSED, State.LISTEN)


def test_simultaneous_open():
    game = Game(World.new())
    play(game, "client connect", "server connect", "deliver 1", "deliver 1")
    assert states(game) == (State.SYN_RCVD, State.SYN_RCVD)
    play(game, "deliver 1", "deliver 1")
    assert states(game) == (State.ESTABLISHED, State.ESTABLISHED)


def test_simultaneous_close():
    game = established()
    play(game, "client close", "server close", "deliver 1", "deliver 1")
    assert states(game) == (State.CLOSING, State.CLOSING)
    play(game, "deliver 1", "deliver 1")
    assert states(game) == (State.TIME_WAIT, State.TIME_WAIT)


def test_manual_replies_player_answers_for_the_stack():
    game = Game(World.new(replies=Replies.MANUAL))
    out = play(game, "server listen", "client connect", "deliver 1")
    assert game.world.wire == () and [s.label for s in out[-1].owed] == ["SYN+ACK"]
    wrong = play(game, "server sends ACK")[0]
    assert wrong.rule == "send.not-the-reply"
    right = play(game, "server sends SYN+ACK")[0]
    assert right.rule == "send.reply" and right.points > 0 and game.world.server.owed == ()


def test_manual_replies_a_connection_reset_in_the_event_owes_only_its_rst():
    """Data arrives after close() just as the handshake ends: the stack flushes its queued data and FIN,
    then answers the data with RST and the connection is gone (§3.10.7.4). CLOSED owes only the RST
    (§3.10.7.1) — it once owed the DATA and the FIN too, and a DATA sent from CLOSED was judged
    correct (found by the state machine in tests/core/test_properties.py)."""
    game = Game(World.new(replies=Replies.MANUAL))
    play(game, "client listen", "server connect", "deliver 1", "client send-data 100", "client close")
    play(game, "client sends SYN+ACK", "deliver 1", "server send-data 100")
    reset = play(game, "deliver 1")[0]
    assert reset.rule == "data.after-close" and game.world.client.state is State.CLOSED
    assert [seg.label for seg in game.world.client.owed] == ["RST"]
    assert play(game, "client sends DATA")[0].rule == "send.no-connection"
    assert play(game, "client sends RST")[0].rule == "send.reply"
