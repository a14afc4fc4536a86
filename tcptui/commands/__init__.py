"""Command implementations, one module each, imported only when their command runs."""
