"""One widget per module; each renders a piece of core state it is given, and holds none."""
