"""Vietnamese first: the language is the one chosen with the page's switch, else Vietnamese.

Django's LocaleMiddleware would follow the browser's Accept-Language, and most
office computers run an English browser; the office expects Vietnamese.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
