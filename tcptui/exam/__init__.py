"""Exam mode without the screens: questions from the engine and on the notes' "why" topics.

For the exam screen:

    from tcptui.exam import generate_exam, check, report, record, parse_topic

    with Store.open(data_dir) as store:
        exam = generate_exam(seed, minutes=10, topics=("4.2",), reviews=store.reviews(), now=now)
        for question in exam.questions:          # prompt, ladder, choices (or typed), topic
            checked = check(question, answer)    # .correct, .expected(lang), .explain(lang)
            record(store, exam, checked, now, exam_date=settings.exam_date)   # one transaction
        final = report(exam, answers)            # score per topic, every miss explained, unanswered apart

    due_session(seed, store.reviews(), now)      # an untimed review of the items due (None: none is)
    misses_session(seed, final)                  # "practise my misses" after an exam
    forecast(store.reviews(), now, exam_date)    # reviews due per day until the exam's eve

Deterministic given the seed (and the reviews and `now`, which decide what is due). A question's
topic is the notes' § of the rule it tests (see items.py), so `topics=("4.2",)` asks about §4.2.
"""

from .._lazy import lazy_exports

# Each name is imported from its module on first use (start-up stays light).
_EXPORTS = {
    "Checked": "answers",
    "Choice": "model",
    "Day": "review",
    "Exam": "model",
    "Form": "model",
    "Match": "model",
    "Question": "model",
    "QuestionKind": "model",
    "Report": "answers",
    "SECTIONS": "topics",
    "TopicScore": "answers",
    "check": "answers",
    "due_session": "review",
    "forecast": "review",
    "generate_exam": "build",
    "matches": "topics",
    "misses_session": "review",
    "parse_topic": "topics",
    "pool": "items",
    "question_count": "build",
    "record": "schedule",
    "report": "answers",
    "review": "schedule",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
