"""`tcptui progress`: the forecast of reviews due per day until the exam's eve (en and zh)."""

import datetime as dt

import pytest

from tcptui.cli import main
from tcptui.exam.schedule import DAY
from tcptui.progress import Store
from tcptui.progress.settings import save_settings
from tcptui.progress.store import Answer, now_utc


def _store(path, exam_in_days=None):
    now = now_utc()
    with Store.open(path) as store:
        for n, offset in enumerate((-DAY, DAY / 4, DAY, 3 * DAY + DAY / 4)):
            store.record_answer(Answer("e", f"item-{n}", "2", True, "a"), ("{}", now + offset), now)
    if exam_in_days is not None:

        class Date:
            exam_date = now.date() + dt.timedelta(days=exam_in_days)

        save_settings(Date(), path)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_forecast_runs_until_the_exams_eve(tmp_path, capsys, lang):
    _store(tmp_path, exam_in_days=5)
    assert main(["progress", "--data-dir", str(tmp_path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    title = {"en": "until the eve of the exam", "zh": "考试前每天到期的复习"}[lang]
    assert title in out
    rows = [line for line in out.splitlines() if "█" in line or line.rstrip().endswith("·")]
    assert len(rows) == 5  # today and the four days before the exam
    counts = [int(line.split()[-2]) for line in rows]
    assert sum(counts) >= 3 and counts[0] >= 1  # the overdue one is due today
    assert all(len(line) <= 80 for line in out.splitlines())


def test_without_an_exam_date_two_weeks_are_forecast(tmp_path, capsys):
    _store(tmp_path)
    assert main(["progress", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "the next 14 days" in out
    assert sum(1 for line in out.splitlines() if "█" in line or line.rstrip().endswith("·")) == 14


def test_a_far_exam_is_forecast_by_week(tmp_path, capsys):
    _store(tmp_path, exam_in_days=60)
    assert main(["progress", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    weeks = [line for line in out.splitlines() if " – " in line]
    assert len(weeks) == 9  # 59 days to the eve, by week


def test_no_reviews_no_forecast(tmp_path, capsys):
    assert main(["progress", "--data-dir", str(tmp_path), "--lang", "en"]) == 0
    assert "Reviews due per day" not in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_due_line_and_todays_row_agree(tmp_path, capsys, monkeypatch, lang):
    """'3 due now' beside a forecast whose today says 10 was two definitions of due: the line now
    counts what is due now and what falls due later today, and the two make today's row."""
    import tcptui.progress.store as store_module

    now = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)  # a Monday morning
    with Store.open(tmp_path) as store:
        offsets = (-DAY, -DAY / 8, DAY / 8, DAY / 4, DAY)  # 2 due now, 2 later today, 1 tomorrow
        for n, offset in enumerate(offsets):
            store.record_answer(Answer("e", f"item-{n}", "2", True, "a"), ("{}", now + offset), now)
    monkeypatch.setattr(store_module, "now_utc", lambda: now)
    assert main(["progress", "--data-dir", str(tmp_path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    said = {"en": "2 review(s) due now, 2 more later today", "zh": "现在有 2 道题该复习，今天稍后还有 2 道到期"}[lang]
    assert said in out
    today = next(line for line in out.splitlines() if "11-30" in line)
    assert int(today.split()[-2]) == 4
