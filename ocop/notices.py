"""The notifications the OCOP register sends."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

EXPIRING = "ocop.expiring"

kinds.register(
    EXPIRING,
    _("OCOP certificate of %(product)s (%(commune)s, %(stars)s stars) expires on %(expires)s"),
)
