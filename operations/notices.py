"""What the office's work tells people: requests (kiến nghị) to their responsible district, answers to the office."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

kinds.register(
    "inspections.request_created",
    _("Inspection “%(inspection)s”: a request for %(unit)s, due %(deadline)s"),
)
kinds.register(
    "inspections.request_overdue",
    _("Overdue: the request of inspection “%(inspection)s” for %(unit)s was due %(deadline)s"),
)
kinds.register("inspections.request_answered", _("%(unit)s answered a request of inspection “%(inspection)s”"))
kinds.register(
    "inspections.request_reopened",
    _("The office asks again about a request of inspection “%(inspection)s” (%(unit)s): %(note)s"),
)
