"""Captures in and out: pcap/pcapng read one TCP packet at a time (read), grouped into connections
and fed through the engine (replay, feed), summarised per connection (summary), replayed on
several cores for JSON Lines (parallel), and games written back as pcap (export)."""
