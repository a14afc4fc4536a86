"""What every attack in the suite asserts about a run of tcptui, and the tally it reports.

A user's machine attacks tcptui with odd files, full disks, locked stores and terminals that
cannot show Chinese. Whatever happens, a run must end (no hang), stay within a bounded amount of
memory, exit with status 0 or 2, never show a traceback, and say an error in one line on stderr.

    with Tally("puzzle files") as tally:
        for case in cases:
            tally.check(case.name, run_tcptui("check", path))   # records what went wrong

The fast versions run a few hundred cases; `TCPTUI_SLOW=1` runs the thousands. With
`TCPTUI_ATTACK_LOG=FILE` every tally appends one line "surface: tried N, failed M" to FILE, which
is how the figures in issue 9's closing note were produced.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass, field

from .conftest import ROOT

SLOW = os.environ.get("TCPTUI_SLOW") == "1"
MEMORY_LIMIT = 1 << 30  # address space of one tcptui run: 1 GiB is far above any honest need
TIMEOUT = 60  # seconds: every run here takes well under two


def cases(fast: int, slow: int) -> int:
    """How many cases to run: `fast` in CI, `slow` with TCPTUI_SLOW=1."""
    return slow if SLOW else fast


def _limit_memory(limit: int, then=None):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        if then is not None:
            then()

    return apply


@dataclass
class Run:
    """A finished (or stopped) run of tcptui."""

    args: tuple
    returncode: int | None  # None: stopped after the timeout
    stdout: str
    stderr: str

    @property
    def hung(self) -> bool:
        return self.returncode is None


def run_tcptui(
    *args,
    env: dict | None = None,
    stdin: str | bytes | None = None,
    timeout: float = TIMEOUT,
    memory: int = MEMORY_LIMIT,
    prelude: str | None = None,
    preexec=None,
) -> Run:
    """Run `python -m tcptui ARGS` with a memory limit and a timeout (a hang is a result, not an error).

    `prelude`: Python run in the child before tcptui's main (e.g. a shorter busy timeout);
    `preexec`: a function run in the child before it starts (e.g. to drop privileges)."""
    environ = {**os.environ, "NO_COLOR": "1", "TCPTUI_LANG": "en", "COLUMNS": "100"}
    environ.update(env or {})
    environ = {k: v for k, v in environ.items() if v is not None}
    command = [sys.executable, "-m", "tcptui"]
    if prelude:
        command = [
            sys.executable,
            "-c",
            f"{prelude}\nimport sys\nfrom tcptui.cli import main\nsys.exit(main(sys.argv[1:]))",
        ]
    try:
        done = subprocess.run(
            [*command, *map(str, args)],
            input=stdin.encode() if isinstance(stdin, str) else stdin,
            capture_output=True,
            cwd=ROOT,
            env=environ,
            timeout=timeout,
            preexec_fn=_limit_memory(memory, preexec),
        )
    except subprocess.TimeoutExpired as e:
        return Run(args, None, _text(e.stdout), _text(e.stderr))
    return Run(args, done.returncode, _text(done.stdout), _text(done.stderr))


def _text(data) -> str:
    if data is None:
        return ""
    return data if isinstance(data, str) else data.decode("utf-8", "backslashreplace")


def problems_of(run: Run, max_stderr_lines: int = 1) -> list[str]:
    """What is wrong with a run, by the rules every command keeps (empty: nothing)."""
    found = []
    if run.hung:
        found.append("hang (no exit before the timeout)")
    elif run.returncode not in (0, 2):
        found.append(f"exit status {run.returncode}")
    if "Traceback" in run.stderr or "Traceback" in run.stdout:
        found.append("traceback: " + run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "traceback")
    elif "MemoryError" in run.stderr:
        found.append("MemoryError")
    lines = run.stderr.splitlines()
    if run.returncode == 2 and not lines:
        found.append("exit 2 with nothing said on stderr")
    if len(lines) > max_stderr_lines:
        found.append(f"{len(lines)} lines on stderr: {run.stderr.strip()[:300]!r}")
    return found


@dataclass
class Tally:
    """Counts the cases of one attack surface and what failed; fails the test if anything did."""

    surface: str
    tried: int = 0
    failures: list = field(default_factory=list)

    def __enter__(self) -> Tally:
        return self

    def record(self, name: str, problems: list[str]) -> bool:
        """Count one case; True when it held."""
        self.tried += 1
        if problems:
            self.failures.append(f"{name}: {'; '.join(problems)}")
        return not problems

    def check(self, name: str, run: Run, max_stderr_lines: int = 1, also: list[str] = ()) -> bool:
        """Count one run of tcptui against the rules (plus any `also` problems the caller found)."""
        return self.record(name, problems_of(run, max_stderr_lines) + list(also))

    def __exit__(self, kind, value, tb) -> None:
        log = os.environ.get("TCPTUI_ATTACK_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"{self.surface}: tried {self.tried}, failed {len(self.failures)}\n")
                f.writelines(f"    {failure}\n" for failure in self.failures[:5])
        if kind is None:
            assert self.tried, f"{self.surface}: no case was tried"
            assert not self.failures, f"{self.surface}: {len(self.failures)} of {self.tried} failed:\n" + "\n".join(
                self.failures[:10]
            )
