"""Games out as pcap: tshark reads them right, and replaying them gives the game's states back.

A replay knows only what the packets show, so the round trip is exact where the game's endpoints
did nothing the capture cannot see yet (a FIN sent but still in flight, a listener never opened,
a host that crashed silently); the scenarios below say from which packet on they agree again.
"""

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tcptui.capture.export import (
    DEFAULT_CLIENT,
    EPOCH_US,
    Frame,
    frames,
    game_to_pcap,
    outcomes_of,
    parse_address,
    parse_moves,
)
from tcptui.capture.read import Capture
from tcptui.capture.replay import replay
from tcptui.core import PROFILES, AppCall, Call, Deliver, Game, ProfileName, Replies, Side, State, World

HANDSHAKE = "server listen; client connect; deliver 1; deliver 1; deliver 1; "
SCENARIOS = {  # name: (profile, replies, moves); every record agrees with the game, from the first packet
    "close": (
        "textbook",
        "auto",
        HANDSHAKE + "client send-data 100; deliver 1; deliver 1; client close; "
        "deliver 1; deliver 1; server close; deliver 1; deliver 1",
    ),
    "fin-ack-shortcut": (
        "textbook",
        "manual",
        "server listen; client connect; deliver 1; server sends SYN+ACK; "
        "deliver 1; client sends ACK; deliver 1; client close; deliver 1; server close; "
        "deliver 1; client sends ACK; deliver 1",
    ),
    "time-wait-syn": (
        "textbook",
        "auto",
        HANDSHAKE + "server close; deliver 1; deliver 1; client close; deliver 1; "
        "deliver 1; client connect; deliver 1; deliver 1; deliver 1; client timer rto; deliver 1; "
        "deliver 1; deliver 1",
    ),
    "time-wait-syn-linux": (
        "linux",
        "auto",
        HANDSHAKE + "server close; deliver 1; deliver 1; client close; "
        "deliver 1; deliver 1; client connect; deliver 1; deliver 1; deliver 1",
    ),
    "abort": ("linux", "auto", HANDSHAKE + "client abort; deliver 1"),
    # a keep-alive probe and its ACK (the export once had no time step for the keep-alive timer)
    "keepalive": ("linux", "auto", HANDSHAKE + "client timer keepalive; deliver 1; deliver 1"),
    "lost-fin": (
        "textbook",
        "auto",
        HANDSHAKE + "client close; drop 1; client timer rto; deliver 1; deliver 1; "
        "server close; deliver 1; deliver 1; deliver 1",
    ),
    "duplicate": (
        "textbook",
        "auto",
        HANDSHAKE + "client send-data 100; duplicate 1; deliver 1; deliver 1; deliver 1",
    ),
    # the server's SYN left before the client's arrived: the capture shows it one packet later, and
    # the client's SYN's record shows the server as that SYN left it (SYN_RCVD, not LISTEN)
    "simultaneous-open": (
        "textbook",
        "auto",
        "client connect; server connect; deliver 1; deliver 1; deliver 1; deliver 1",
    ),
    # the server's FIN is on its way when the client's arrives: the capture shows it one packet later
    "simultaneous-close": (
        "rfc9293",
        "auto",
        HANDSHAKE + "client close; server close; deliver 1; deliver 1; deliver 1; deliver 1",
    ),
    # nobody listens: the replay learns it from the RST
    "no-listener": ("textbook", "auto", "client connect; deliver 1; deliver 1"),
    # the server crashed and restarted silently: the replay learns it from its RST (§4.4.4)
    "crash": (
        "linux",
        "auto",
        HANDSHAKE + "server crash; server restart; client send-data 100; deliver 1; deliver 1",
    ),
}


def by_address(row) -> tuple[str, str]:
    """(state of 10.9.0.1:40001, state of 10.9.0.2:5001): the replay's client is whoever sent the first SYN."""
    client, server = row.record.client.value, row.record.server.value
    first = row.src if row.dir == "c2s" else row.dst
    return (client, server) if first == "{}:{}".format(*DEFAULT_CLIENT) else (server, client)


def round_trip(outcomes, profile, path):
    """(the game's states after each delivery, the replay's states after each packet)."""
    count = game_to_pcap(outcomes, path)
    want = [
        (o.world.client.state.value, o.world.server.state.value)
        for o in outcomes
        if isinstance(o.move, Deliver) and o.side is not None
    ]
    with Capture(path) as capture:
        got = [by_address(row) for row in replay(capture, profile)]
    assert count == len(want)
    return want, got


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_round_trip(name, tmp_path):
    profile_name, replies, moves = SCENARIOS[name]
    profile = PROFILES[ProfileName(profile_name)]
    world = World.new(profile=profile, replies=Replies(replies), seed=3)
    want, got = round_trip(outcomes_of(parse_moves(moves), world), profile, tmp_path / "x.pcap")
    assert got == want


def settled_game(data, profile) -> list:
    """A listening server; then calls (connect by the client; send, shutdown, abort by either side
    while connected), each followed by delivering everything in flight: the capture sees it all."""
    world = World.new(profile=profile, seed=data.draw(st.integers(0, 999)))
    outcomes = [world.apply(AppCall(Side.SERVER, Call.LISTEN))]
    world = outcomes[-1].world
    for _ in range(data.draw(st.integers(1, 12))):
        side = data.draw(st.sampled_from(list(Side)))
        call = data.draw(st.sampled_from([Call.CONNECT, Call.SEND, Call.SHUTDOWN, Call.ABORT]))
        if call is Call.CONNECT:
            side = Side.CLIENT
        if call is Call.ABORT and world.endpoint(side).state not in (
            State.SYN_RCVD,
            State.ESTABLISHED,
            State.FIN_WAIT_1,
            State.FIN_WAIT_2,
            State.CLOSE_WAIT,
        ):
            continue  # an abort that sends nothing cannot be seen
        outcomes.append(world.apply(AppCall(side, call, data.draw(st.integers(1, 3000)))))
        world = outcomes[-1].world
        while world.wire:
            outcomes.append(world.apply(Deliver(0)))
            world = outcomes[-1].world
    return outcomes


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_settled_games_round_trip_packet_by_packet(data, tmp_path):
    profile = PROFILES[data.draw(st.sampled_from(list(ProfileName)))]
    want, got = round_trip(settled_game(data, profile), profile, tmp_path / "x.pcap")
    assert got == want


def test_a_game_object_and_a_list_of_moves_export_alike(tmp_path):
    moves = parse_moves(SCENARIOS["close"][2])
    game = Game(World.new(seed=3))
    for move in moves:
        game.apply(move)
    assert game_to_pcap(game, tmp_path / "a.pcap") == game_to_pcap(moves, tmp_path / "b.pcap", world=World.new(seed=3))
    assert (tmp_path / "a.pcap").read_bytes() == (tmp_path / "b.pcap").read_bytes()
    assert game_to_pcap(game.history, tmp_path / "c.pcap") == 9


def test_times_are_modelled_not_taken_from_the_clock():
    moves = parse_moves(
        HANDSHAKE + "server close; deliver 1; deliver 1; client close; deliver 1; deliver 1; server timer 2msl"
    )
    items = frames(outcomes_of(moves, World.new(profile=PROFILES[ProfileName.LINUX])))
    times = [f.ts for f in items]
    assert times == sorted(times) and times[0] > EPOCH_US / 1e6
    assert all(isinstance(f, Frame) for f in items) and items[0].src is Side.CLIENT


def test_a_keepalive_probe_is_sent_an_interval_after_the_last_segment():
    linux = PROFILES[ProfileName.LINUX]
    items = frames(outcomes_of(parse_moves(HANDSHAKE + "client timer keepalive; deliver 1"), World.new(profile=linux)))
    assert items[-1].ts - items[-2].ts >= linux.keepalive[1]  # tcp_keepalive_intvl, 75 s on Linux


def tshark_fields(path, *fields):
    out = subprocess.run(
        [
            "tshark",
            "-r",
            str(path),
            "-o",
            "tcp.check_checksum:TRUE",
            "-o",
            "ip.check_checksum:TRUE",
            "-T",
            "fields",
            *[a for f in fields for a in ("-e", f)],
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [line.split("\t") for line in out.stdout.splitlines()]


@pytest.mark.skipif(shutil.which("tshark") is None, reason="tshark is not installed")
@pytest.mark.parametrize(
    "client,server", [(DEFAULT_CLIENT, ("10.9.0.2", 5001)), (("fd00::1", 40001), ("fd00::2", 443))]
)
def test_tshark_decodes_flags_numbers_and_checksums(tmp_path, client, server):
    world = World.new(profile=PROFILES[ProfileName.LINUX], seed=11)
    items = frames(outcomes_of(parse_moves(SCENARIOS["close"][2]), world))
    path = tmp_path / "game.pcap"
    game_to_pcap(parse_moves(SCENARIOS["close"][2]), path, world=world, client=client, server=server)
    src_field = "ipv6.src" if ":" in client[0] else "ip.src"
    rows = tshark_fields(
        path,
        src_field,
        "tcp.srcport",
        "tcp.flags",
        "tcp.seq_raw",
        "tcp.ack_raw",
        "tcp.len",
        "tcp.checksum.status",
        "frame.time_epoch",
    )
    assert len(rows) == len(items)
    for row, item in zip(rows, items, strict=True):
        src, sport, flags, seq, ack, length, checksum, when = row
        sender = client if item.src is Side.CLIENT else server
        assert (src, int(sport)) == sender
        assert int(flags, 16) == item.segment.flags.value
        assert int(seq) == item.segment.seq and int(length) == item.segment.length
        if item.segment.flags.ACK in item.segment.flags:
            assert int(ack) == item.segment.ack
        assert checksum == "1", "TCP checksum verified good"
        assert abs(float(when) - item.ts) < 1e-5


@pytest.mark.skipif(shutil.which("tshark") is None, reason="tshark is not installed")
def test_tshark_sees_an_ipv4_header_checksum_it_likes(tmp_path):
    path = tmp_path / "g.pcap"
    game_to_pcap(parse_moves(HANDSHAKE), path)
    assert {tuple(r) for r in tshark_fields(path, "ip.checksum.status", "ip.ttl", "ip.flags.df")} == {("1", "64", "1")}


@pytest.mark.parametrize(
    "text,want",
    [
        ("10.9.0.1:40001", ("10.9.0.1", 40001)),
        ("[fd00::1]:443", ("fd00::1", 443)),
        (" 192.168.1.2:80 ", ("192.168.1.2", 80)),
    ],
)
def test_parse_address(text, want):
    assert parse_address(text) == want


@pytest.mark.parametrize("text", ["10.9.0.1", "10.9.0.1:0", "10.9.0.1:70000", "host:80", "fd00::1:80", ":80"])
def test_parse_address_refuses(text):
    with pytest.raises(ValueError):
        parse_address(text)


def test_parse_moves_lines_semicolons_comments():
    moves = parse_moves("# a game\nserver listen\nclient connect; deliver 1  # the SYN\n\n")
    assert [str(m) for m in moves] == ["server listen", "client connect", "deliver 1"]
    with pytest.raises(ValueError, match="move 2"):
        parse_moves("server listen; client dances")
