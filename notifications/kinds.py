"""The sentence of each kind of notification, registered by the app that sends it.

    kinds.register("commune_year.returned", _("%(commune)s, %(year)s: returned by the office (%(reason)s)"))

Parameters are plain JSON values (names, years, dates as dd/mm/yyyy text). Years are passed as `str` so
that no formatter ever groups them. A kind nobody registered shows its parameters' "text", or its name.
"""

from django.utils.functional import Promise

_SENTENCES: dict[str, Promise | str] = {}


def register(kind: str, sentence: Promise | str) -> None:
    """Declare a kind with its (lazily translated) sentence; raises ValueError when the kind exists already."""
    if kind in _SENTENCES and _SENTENCES[kind] != sentence:
        raise ValueError(f"notification kind {kind!r} is registered twice")
    _SENTENCES[kind] = sentence


def is_registered(kind: str) -> bool:
    return kind in _SENTENCES


def render(kind: str, params: dict) -> str:
    """The sentence of `kind` with `params`, in the active language."""
    sentence = _SENTENCES.get(kind)
    if sentence is None:
        return str(params.get("text") or kind)
    try:
        return str(sentence) % params
    except (KeyError, TypeError, ValueError):
        return str(sentence)
