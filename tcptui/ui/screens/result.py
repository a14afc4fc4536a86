"""The result of a puzzle: the stars, what they were counted from, the best result kept; then the
next puzzle, another try, or back to the list (Escape: look at the finished board)."""

from __future__ import annotations

from rich.text import Text

from ...puzzle.scoring import best
from ...text import ui
from ..look import stars_text
from .choice import Choice, ChoiceScreen

# The dialog's keys are the board's (PuzzleScreen binds the same ones once the puzzle is finished), and
# so are their words: the key bar's labels.
NEXT_KEY, RETRY_KEY, LIST_KEY = "n", "R", "q"


class ResultScreen(ChoiceScreen):
    """Dismisses with 'next', 'retry', 'list', or None (stay on the board)."""

    def __init__(self, puzzle, result, old_best, next_puzzle, lang: str, back: str = "list") -> None:
        """`back`: where q goes (the screen the puzzle was opened from): 'list', 'map', 'home' or
        'back' (elsewhere)."""
        if result.shown:
            headline = ui("puzzle.result.shown", lang)
        else:
            headline = ui("puzzle.solved", lang, moves=result.moves, par=result.par)
        title = f"{stars_text(result.stars)}  {headline}"
        choices = (
            [Choice(NEXT_KEY, ui("puzzle.result.next", lang, title=next_puzzle.title.get(lang)), "next")]
            if next_puzzle is not None
            else []
        )
        choices += [
            Choice(RETRY_KEY, ui("key.retry", lang), "retry"),
            Choice(LIST_KEY, ui("key.back" if back == "back" else f"puzzle.result.{back}", lang), "list"),
        ]
        super().__init__(title, choices, ui("puzzle.result.footer", lang), body=_body(puzzle, result, old_best, lang))
        self.result = result


def _body(puzzle, result, old_best, lang: str) -> Text:
    """The puzzle, the stars in words, the counts they come from, and the best result kept."""
    text = Text.assemble((puzzle.title.get(lang), "bold"))
    text.append("\n" + ui("puzzle.stars", lang, stars=result.stars))
    text.append(
        "\n"
        + ui(
            "puzzle.result.counts", lang, moves=result.moves, par=result.par, illegal=result.illegal, hints=result.hints
        ),
        style="dim",
    )
    kept = best(old_best, result)
    if kept.shown:
        text.append("\n" + ui("puzzle.result.seen", lang), style="bold")
    elif kept is result and (old_best is None or result.rank > old_best.rank):
        text.append("\n" + ui("puzzle.result.new-best", lang), style="bold")
    else:
        text.append("\n" + ui("puzzle.result.best", lang, stars=stars_text(kept.stars), moves=kept.moves))
    return text
