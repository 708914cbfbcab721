"""Keeping results and cached figures true:

- a change of rules recomputes, in the same transaction, the stored results it affects
  (criteria.signals.rules_changed -> communes.summary.criteria_changed);
- a registration, a commune's record or a commune-year's state changing raises the version the dashboard's cached
  figures are keyed by (the year's, or year 0 for what moves every year: recognitions, communes); so does a
  district's or the province's record (their names are on the cached pages).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from criteria.signals import rules_changed
from provinces.models import Province

from .models import Commune, CommuneYear, District, Registration
from .summary import criteria_changed, versions_bump

PROVINCE_WIDE = 0  # the "year" of the version raised by changes that move every year's figures


@receiver(rules_changed)
def _recompute(sender, criteria_set_ids, **kwargs) -> None:
    criteria_changed(criteria_set_ids)


@receiver(post_save, sender=Registration)
@receiver(post_delete, sender=Registration)
def _registration_changed(sender, instance: Registration, raw: bool = False, **kwargs) -> None:
    if not raw:
        province_id = Commune.objects.filter(pk=instance.commune_id).values_list("province_id", flat=True).first()
        if province_id is not None:
            versions_bump([(province_id, instance.year)])


@receiver(post_save, sender=Commune)
@receiver(post_delete, sender=Commune)
def _commune_changed(sender, instance: Commune, raw: bool = False, **kwargs) -> None:
    if not raw and instance.province_id:
        versions_bump([(instance.province_id, PROVINCE_WIDE)])


@receiver(post_save, sender=CommuneYear)
def _commune_year_changed(sender, instance: CommuneYear, raw: bool = False, **kwargs) -> None:
    """A step may recognise the commune (or reopen a recognised year): the recognitions of every year move."""
    if not raw:
        province_id = Commune.objects.filter(pk=instance.commune_id).values_list("province_id", flat=True).first()
        if province_id is not None:
            versions_bump([(province_id, PROVINCE_WIDE)])


@receiver(post_save, sender=District)
@receiver(post_delete, sender=District)
def _district_changed(sender, instance: District, raw: bool = False, **kwargs) -> None:
    if not raw and instance.province_id:
        versions_bump([(instance.province_id, PROVINCE_WIDE)])


@receiver(post_save, sender=Province)
def _province_changed(sender, instance: Province, raw: bool = False, **kwargs) -> None:
    if not raw:
        versions_bump([(instance.pk, PROVINCE_WIDE)])
