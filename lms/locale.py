"""Language selection for paths outside `i18n_patterns`.

Django's LocaleMiddleware answers a 404 on a path without a language prefix by redirecting to the
same path under /en/ whenever that path resolves, and under /en/ Wagtail's page tree resolves every
path. For the JSON API (`/api/`) that would turn "no such organisation" into a redirect to an HTML
page; paths under `HIMAYA_LANGUAGE_NEUTRAL_PATHS` keep their own 404. Their language still comes
from the Accept-Language header (or the language cookie), as on any path without a prefix.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.HIMAYA_LANGUAGE_NEUTRAL_PATHS)):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
