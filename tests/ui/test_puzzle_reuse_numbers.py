"""§4.2 on Linux (puzzles 16 and 17): the student sees which SYN is sent. reuse-linux-newer is a
comparison of numbers (is the new ISN after 1002, where the old connection's stopped?), so it plays
in real numbers — board, menu, wire and ladder alike; reuse-linux-older tells the notes' dance in
their names (ACK x+2, RST x+2), its new ISN named x' in the menu as on the ladder, never x-500."""

from tcptui.commands.solve import ladder_text
from tcptui.puzzle import get
from tcptui.puzzle.lesson import lesson_path
from tcptui.ui.screens.puzzle import PuzzleScreen

from .helpers import app_for, keybar, keys, ladder, panel, settle


async def menu_and_ladder(puzzle_id: str, pick: str) -> tuple[str, str, str]:
    app = app_for(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PuzzleScreen(get(puzzle_id)))
        await settle(pilot)
        server = panel(app, "server")
        await keys(pilot, "p")
        menu = keybar(app)
        await keys(pilot, pick)
        return server, menu, ladder(app)


async def test_the_newer_syn_is_chosen_in_real_numbers():
    server, menu, text = await menu_and_ladder("reuse-linux-newer", "2")
    assert "RCV.NXT 1002" in server
    assert "SYN seq=500" in menu and "SYN seq=900000" in menu
    assert "SYN seq=900000" in text and "x'" not in text
    puzzle = get("reuse-linux-newer")
    assert "SYN seq=900000" in ladder_text(puzzle, lesson_path(puzzle).moves, False, "en")


async def test_the_older_syn_is_named_after_its_own_isn_everywhere():
    server, menu, text = await menu_and_ladder("reuse-linux-older", "1")
    assert "RCV.NXT x+2" in server
    assert "SYN seq=x'" in menu and "x-500" not in menu and "seq=500" not in menu
    assert "SYN seq=x'" in text
