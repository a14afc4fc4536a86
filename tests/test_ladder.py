"""The ladder's rows in the player's language: the notes a move leaves are words of the catalogue
(`sends`, `restart`, `timer rto` …), laid out by terminal cells, Chinese being two wide."""

from rich.cells import cell_len

from tcptui.core.moves import parse_move
from tcptui.exam.scenarios import established_world
from tcptui.ladder import ladder_rows, render_lines, to_text

MOVES = ("server crash", "client send-data", "client timer rto", "server restart", "server abort")


def _rows(lang: str):
    world = start = established_world()
    history = []
    for text in MOVES:
        outcome = world.apply(parse_move(text))
        history.append(outcome)
        world = outcome.world
    return ladder_rows(start, history, lang=lang)


def test_notes_speak_the_players_language():
    en = " | ".join(row.text for row in _rows("en"))
    zh = " | ".join(row.text for row in _rows("zh"))
    for word in ("crash", "timer rto", "restart"):
        assert word in en and word not in zh
    assert "崩溃 ✗" in zh and "计时器 rto" in zh and "恢复运行" in zh
    text = to_text(_rows("zh"), 80, lang="zh")
    assert text.splitlines()[0].startswith("客户端") and text.splitlines()[0].endswith("服务器")


def test_chinese_notes_are_laid_out_by_cells():
    for width in (60, 80):
        for line in render_lines(_rows("zh"), width):
            assert cell_len("".join(text for text, _ in line)) == width
