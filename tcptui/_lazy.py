"""Lazy package exports (PEP 562): a name is imported from its module the first time it is used.

Packages list what they export and where it lives; `import tcptui.puzzle` then costs nothing
until a name is touched — start-up stays light for commands that need one corner of a package.
"""

from __future__ import annotations


def lazy_exports(package: str, exports: dict[str, str]):
    """(__getattr__, __dir__) for `package`, whose names live in `package.<exports[name]>`."""

    def __getattr__(name: str):
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(__import__(f"{package}.{module}", fromlist=[name]), name)
        globals_of_package = __import__(package, fromlist=["__name__"]).__dict__
        globals_of_package[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(exports)

    return __getattr__, __dir__
