"""Where the lab cannot run, one line says what is missing (the home screen shows it too), in the
player's language."""

import importlib.util
import sys

from tcptui.cli import main
from tcptui.lab import support


def test_not_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert support.unavailable() == "the lab needs Linux network namespaces (this is darwin)"
    assert support.unavailable("zh") == "实验室需要 Linux 的网络命名空间（当前系统是 darwin）"


def test_no_pyroute2(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyroute2" else real(name, *a))
    assert support.unavailable() == "the lab needs pyroute2: pip install 'tcptui[lab]'"


def test_no_permission(monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(support.os, "open", refuse)
    assert support.unavailable() == "needs root (or CAP_NET_ADMIN): /dev/net/tun: Operation not permitted"


def test_no_namespaces(monkeypatch):
    monkeypatch.setattr(support.os, "open", lambda *a, **k: 99)
    monkeypatch.setattr(support.os, "close", lambda fd: None)
    monkeypatch.setattr(support, "_try_unshare", lambda: "Operation not permitted")
    assert support.unavailable() == ("needs root (or CAP_SYS_ADMIN): no network namespace: Operation not permitted")
    assert support.missing() == ("lab.unavailable.netns", {"error": "Operation not permitted"})


def test_the_command_says_it_in_one_line_and_exits_2(monkeypatch, capsys):
    monkeypatch.setattr(support, "missing", lambda: ("lab.unavailable.pyroute2", {}))
    assert main(["lab", "--moves", "server listen"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "tcptui lab: the lab needs pyroute2: pip install 'tcptui[lab]'\n"
    assert main(["lab", "--lang", "zh"]) == 2  # the interactive lab too, before it looks for a terminal
    assert capsys.readouterr().err == "tcptui lab: 实验室需要 pyroute2：pip install 'tcptui[lab]'\n"
