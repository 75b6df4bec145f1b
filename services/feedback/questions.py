"""A category's extra questions (Open311 attributes): checking the answers, one place for every channel.

The web form, the staff form and Open311 POST all store answers in ``Ticket.attributes`` as
``{question code: value}``: the key of the choice for one-choice questions, a normalised number
string for numbers, the text for short text.
"""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

from .validators import clean_text

ANSWER_MAX = 200
NUMBER_RE = re.compile(r"^-?\d{1,12}(\.\d{1,6})?$")

MESSAGES = {
    "required": _("Please answer: %(question)s"),
    "number": _("Please answer “%(question)s” with a number, for example 3."),
    "choice": _("Please choose one of the listed answers to “%(question)s”."),
    "too_long": _("The answer to “%(question)s” may be at most 200 characters."),
}


class AnswerError(Exception):
    def __init__(self, question, kind):
        self.question, self.kind = question, kind
        super().__init__(str(self.message))

    @property
    def message(self):
        return MESSAGES[self.kind] % {"question": self.question.question}


def clean_answer(question, raw):
    """The stored form of one answer ('' when unanswered); raises AnswerError."""
    value = clean_text(raw if isinstance(raw, str) else "")
    if not value:
        if question.required:
            raise AnswerError(question, "required")
        return ""
    if len(value) > ANSWER_MAX:
        raise AnswerError(question, "too_long")
    if question.datatype == "number":
        # Full-width digits (３．５) from Chinese input methods count as digits.
        number = unicodedata.normalize("NFKC", value).replace(",", "").replace(" ", "")
        if not NUMBER_RE.match(number):
            raise AnswerError(question, "number")
        return number
    if question.datatype == "singlevaluelist" and value not in dict(question.choice_list()):
        raise AnswerError(question, "choice")
    return value


def clean_answers(questions, get_raw):
    """Check the answers to ``questions``; ``get_raw(question)`` returns what was sent.

    Returns (answers, errors): the answers to store and a list of AnswerError.
    """
    answers, errors = {}, []
    for question in questions:
        try:
            value = clean_answer(question, get_raw(question))
        except AnswerError as exc:
            errors.append(exc)
            continue
        if value:
            answers[question.code] = value
    return answers, errors


def answer_rows(ticket):
    """[(question text, answer as a person reads it)] in the category's order; answers to questions
    removed since are still shown, under their code."""
    stored = dict(ticket.attributes or {})
    rows = []
    for question in ticket.category.questions.all():
        if question.code in stored:
            value = str(stored.pop(question.code))
            if question.datatype == "singlevaluelist":
                value = dict(question.choice_list()).get(value, value)
            rows.append((question.question, value))
    rows.extend((code, str(value)) for code, value in stored.items())
    return rows
