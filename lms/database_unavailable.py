"""A form sent while the database restarts is answered "send it again", never a 500.

A view opts in with `@answer_when_database_fails(respond)`: `respond(request)` builds the answer
(for a trainee's quiz answers, a page that carries the form back; assessments/views.py). Every
database failure that a restart or a dropped connection gives (OperationalError, InterfaceError)
while handling such a request is answered by it: in the view, and in the session and user read
and roles that the MFA middleware would otherwise read first (the first queries of a request, and
the ones that fail while PostgreSQL is still down), which is why this is a middleware, placed just
before that one."""

import logging

from django.db import InterfaceError, OperationalError

from lms.people.access import requires_mfa

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
ATTRIBUTE = "answer_when_database_fails"


def answer_when_database_fails(respond):
    def mark(view):
        setattr(view, ATTRIBUTE, respond)
        return view

    return mark


def _answer(request, view, error):
    respond = getattr(view, ATTRIBUTE, None)
    if respond is None or not isinstance(error, DATABASE_DOWN):
        return None
    match = request.resolver_match
    logger.warning(
        "%s %s: the database did not answer (%s); asked to send again",
        request.method,
        match.view_name if match else "?",
        type(error).__name__,
    )
    return respond(request)


class AnswerWhenDatabaseFailsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, ATTRIBUTE, None) is None:
            return None
        try:
            # What the next middleware (StaffMustUseMFAMiddleware) reads, read here where a
            # failure can still be answered: the session, the user and their roles, which
            # requires_mfa keeps on the user, so it is not read twice.
            requires_mfa(request.user)
        except DATABASE_DOWN as error:
            return _answer(request, view_func, error)
        return None

    def process_exception(self, request, exception):
        match = request.resolver_match
        return _answer(request, match.func, exception) if match else None
