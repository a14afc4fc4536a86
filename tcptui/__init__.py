"""tcptui: a terminal game and trainer for the TCP connection state machine."""

__version__ = "0.1.0"
