"""Request hygiene shared by every view."""

from django.http import QueryDict


class StripNullCharactersMiddleware:
    """Remove NUL characters from query strings.

    PostgreSQL refuses text containing NUL, so a crafted ``?tag=%00`` would otherwise become a
    database error in any view that filters on a parameter. Forms already reject NUL with a
    validation message; query strings are cleaned here once for all apps.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
