"""A change of rules recomputes, in the same transaction, the stored results it affects
(criteria.signals.rules_changed -> communes.summary.criteria_changed)."""

from django.dispatch import receiver

from criteria.signals import rules_changed

from .summary import criteria_changed


@receiver(rules_changed)
def _recompute(sender, criteria_set_ids, **kwargs) -> None:
    criteria_changed(criteria_set_ids)
