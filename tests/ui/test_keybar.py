"""The key bar at 80×24: a wide character never takes the last column (tmux left '^q 退出' half-drawn
there as '^q 退', the widget's own line whole); a narrow one may."""

from rich.cells import cell_len

from .helpers import app_for, settle


async def test_the_last_column_is_blank_after_a_wide_character():
    for lang, ending in (("zh", "^q 退出 "), ("en", "^q Quit")):
        app = app_for(lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            line = app.screen.query_one("#keys")._shown
            assert line.endswith(ending) and cell_len(line) == 80, (lang, line)
