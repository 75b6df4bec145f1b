"""Reading request parameters: a value no valid request carries is the client's error (400), never a 500."""

import codecs

from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _

# The largest id any database column here can hold (a signed 64-bit integer); SQLite and psycopg
# refuse larger Python ints with OverflowError / DataError instead of finding nothing.
MAX_ID = 2**63 - 1


class PublicBadRequest(BadRequest):
    """A bad request whose message is meant for the person who sent it (shown on the 400 page)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def id_param(params, name):
    """The database id in ``params[name]``: None when absent or not a number; a 400 when out of range."""
    value = (params.get(name) or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    if number > MAX_ID:
        raise PublicBadRequest(_("The value of “%(name)s” is not a valid number.") % {"name": name})
    return number


def offset_param(params, name="offset", default=0):
    """A non-negative row offset in ``params[name]``; a 400 for anything else or anything too large."""
    value = (params.get(name) or "").strip()
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
        raise PublicBadRequest(_("The value of “%(name)s” is not a valid number.") % {"name": name})
    return int(value)


def undecodable_form(request):
    """True when a urlencoded body declares a charset other than UTF-8 (Django refuses to decode it)."""
    if request.content_type != "application/x-www-form-urlencoded" or not request.encoding:
        return False
    try:
        return codecs.lookup(request.encoding).name != "utf-8"
    except LookupError:
        return True


def public_message(request, exception=None):
    """What to tell the sender of a bad request, in their language, without internals."""
    if isinstance(exception, PublicBadRequest):
        return str(exception.message)
    if undecodable_form(request):
        return str(_("The form was sent in a character encoding the portal does not accept. Please send it as UTF-8."))
    return str(_("The request could not be understood. Please check it and try again."))
