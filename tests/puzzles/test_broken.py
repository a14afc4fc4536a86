"""Every broken puzzle file produces exactly its expected one-line error (FILE stands for its path)."""

import pathlib

import pytest

from tcptui.puzzle.linter import check_files

BROKEN = pathlib.Path(__file__).parent / "broken"
CASES = sorted(BROKEN.glob("*.toml"))


def test_there_are_at_least_25_broken_files():
    assert len(CASES) >= 25
    assert all(case.with_suffix(".expected").is_file() for case in CASES)


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_broken_file_gives_its_one_line_error(path):
    count, problems = check_files([path])
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").strip()
    assert count == 1
    assert [str(p).replace(str(path), "FILE") for p in problems] == [expected]
    assert "\n" not in str(problems[0])


def test_the_base_of_the_broken_files_is_itself_good(tmp_path):
    """The broken files differ from a good puzzle in one place each: the good one passes."""
    good = (BROKEN / "par-wrong.toml").read_text(encoding="utf-8").replace("par = 4", "par = 5")
    path = tmp_path / "good.toml"
    path.write_text(good, encoding="utf-8")
    assert check_files([path]) == (1, [])
