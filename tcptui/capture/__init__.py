"""Captures in and out: feeding captured packets through the engine, reading and writing pcap files."""
