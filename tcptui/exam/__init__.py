"""Exam mode without the screens: questions from the engine and on the notes' "why" topics.

For the exam screen:

    from tcptui.exam import generate_exam, check, report, record, parse_topic

    with Store.open(data_dir) as store:
        exam = generate_exam(seed, minutes=10, topics=("4.2",), reviews=store.reviews(), now=now)
        for question in exam.questions:          # prompt, ladder, choices (or typed), topic
            checked = check(question, answer)    # .correct, .expected(lang), .explain(lang)
            record(store, exam, checked, now, exam_date=settings.exam_date)   # one transaction
        final = report(exam, answers)            # score per topic, every miss explained

Deterministic given the seed (and the reviews and `now`, which decide what is due).
"""

from .answers import Checked, Report, TopicScore, check, report
from .build import generate_exam, question_count
from .items import pool
from .model import Choice, Exam, Form, Match, Question, QuestionKind
from .schedule import record, review
from .topics import SECTIONS, matches, parse_topic

__all__ = ["Checked", "Choice", "Exam", "Form", "Match", "Question", "QuestionKind", "Report", "SECTIONS",
           "TopicScore", "check", "generate_exam", "matches", "parse_topic", "pool", "question_count", "record",
           "report", "review"]
