"""Chinese wraps between any two characters, never before closing punctuation; English at spaces."""

import io

from rich.console import Console
from rich.text import Text

from tcptui.text.wrap import Prose, cells, wrap, wrap_text

ZH = "SYN_SENT 收到的 ACK 没确认我们的 SYN（应为 ISS+1），如 TIME_WAIT 对端的旧 ACK：回 RST（SEQ = SEG.ACK），继续等。"


def test_chinese_lines_are_full_and_never_start_with_closing_punctuation():
    for width in range(12, 60):
        lines = wrap(ZH, width)
        assert all(cells(line) <= width for line in lines), width
        assert all(line[0] not in "，。、：；！？）》」』】" for line in lines if line), width
        assert all(line[-1] not in "（《「『【" for line in lines if line), width
        assert "".join(lines).replace(" ", "") == ZH.replace(" ", "")  # nothing lost, only spaces at breaks


def test_english_words_are_never_split():
    for width in (8, 10, 15):
        for line in wrap("SYN_RCVD seq=x+1 ack=y+1 TIME_WAIT", width):
            assert line in ("SYN_RCVD", "seq=x+1", "ack=y+1", "TIME_WAIT") or " " in line


def test_the_issue_example_does_not_break_at_the_space_before_an_english_letter():
    text = "服务器的 ISS 为 y（服务器选择的初始序号为 y）。"
    # (a space-only wrap gives "服务器的 ISS 为" / "y（服务器选择的初始序号为" / "y）。", ragged and late)
    assert wrap(text, 20) == ["服务器的 ISS 为 y", "（服务器选择的初始序", "号为 y）。"]


def test_styles_survive_the_wrap():
    text = Text("一二三四五六", style="bold")
    text.stylize("red", 2, 4)
    lines = wrap_text(text, 6)
    assert [line.plain for line in lines] == ["一二三", "四五六"]
    assert lines[0].spans and lines[1].spans


def test_prose_hangs_its_lines_under_the_first_word():
    console = Console(width=24, file=io.StringIO(), record=True, color_system=None)
    console.print(Prose("the server had no record of the connection", label=Text(" b  ")))
    lines = console.export_text().splitlines()
    assert lines[0].startswith(" b  the") and all(line.startswith("    ") for line in lines[1:])
