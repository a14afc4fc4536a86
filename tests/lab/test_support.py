"""Where the lab cannot run, one line says what is missing (the home screen shows it too)."""

import importlib.util
import sys

from tcptui.cli import main
from tcptui.lab import support


def test_not_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert support.unavailable() == "the lab needs Linux network namespaces; this is darwin"


def test_no_pyroute2(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyroute2" else real(name, *a))
    assert support.unavailable() == "the lab needs pyroute2: pip install 'tcptui[lab]'"


def test_no_permission(monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(support.os, "open", refuse)
    reason = support.unavailable()
    assert reason.startswith("the lab cannot open /dev/net/tun (Operation not permitted)")
    assert "\n" not in reason


def test_no_namespaces(monkeypatch):
    monkeypatch.setattr(support.os, "open", lambda *a, **k: 99)
    monkeypatch.setattr(support.os, "close", lambda fd: None)
    monkeypatch.setattr(support, "_try_unshare", lambda: "Operation not permitted")
    assert support.unavailable() == (
        "the lab cannot create a network namespace (Operation not permitted): run it as root (or with CAP_SYS_ADMIN)"
    )


def test_the_command_says_it_in_one_line_and_exits_2(monkeypatch, capsys):
    monkeypatch.setattr(support, "unavailable", lambda: "the lab needs pyroute2: pip install 'tcptui[lab]'")
    assert main(["lab", "--moves", "server listen"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "tcptui lab: the lab needs pyroute2: pip install 'tcptui[lab]'\n"
