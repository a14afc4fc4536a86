"""The home screen's Lab: where the lab cannot run, it is greyed out with the one-line reason (in the
player's language), its key says why instead of opening it, and 80×24 still holds the whole menu."""

import pytest
from textual.widgets import OptionList

from .helpers import app_for, keys, settle

NO_ROOT = ("lab.unavailable.tun-denied", {"error": "Operation not permitted"})


@pytest.fixture
def no_lab(monkeypatch):
    monkeypatch.setattr("tcptui.lab.support.missing", lambda: NO_ROOT)


def lab_option(app):
    menu = app.screen.query_one(OptionList)
    names = [name for name, _ in app.screen.items]
    return menu.get_option_at_index(names.index("lab"))


async def test_greyed_out_with_the_reason(no_lab):
    app = app_for(start="home", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        option = lab_option(app)
        assert option.disabled
        assert app.screen.lab_problem("en") == "needs root (or CAP_NET_ADMIN): /dev/net/tun: Operation not permitted"
        await keys(pilot, "k")
        assert len(app.screen_stack) == 2  # still the home screen: the key said why instead
        assert [n.message for n in app._notifications] == [app.screen.lab_problem("en")]


async def test_available_where_it_can_run(monkeypatch):
    monkeypatch.setattr("tcptui.lab.support.missing", lambda: None)
    app = app_for(start="home", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not lab_option(app).disabled
        assert "两个真实的 Linux 内核" in str(lab_option(app).prompt)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_snapshot(snap_compare, no_lab, lang):
    async def settled(pilot):
        await settle(pilot)

    assert snap_compare(app_for(start="home", lang=lang), terminal_size=(80, 24), run_before=settled)
