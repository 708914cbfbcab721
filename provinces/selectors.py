"""Reads of provinces shared by the pages above."""

from django.conf import settings

from .models import Province


def default_province() -> Province | None:
    """The province this installation follows: NTM_DEFAULT_PROVINCE, else the first current one."""
    provinces = Province.objects.current().select_related("region")
    return provinces.filter(code=settings.NTM_DEFAULT_PROVINCE).first() or provinces.first()
