"""The lab's fixtures: a Lab when this machine can make one (root or CAP_NET_ADMIN, /dev/net/tun,
pyroute2), else the test is skipped with the exact reason `tcptui lab` would print."""

import pytest


@pytest.fixture(scope="session")
def lab_support() -> None:
    from tcptui.lab.support import unavailable

    reason = unavailable()
    if reason:
        pytest.skip(reason)


@pytest.fixture
def lab(lab_support):
    from tcptui.lab import Lab

    with Lab() as made:
        yield made
