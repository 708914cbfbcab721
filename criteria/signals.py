"""`rules_changed`: sent, inside the writing transaction, with the ids of the criteria sets whose rules changed
(a target, an indicator, a criterion, a band, a set's years) — by the admin, `load_criteria`, a bulk sheet, any
save. Apps above listen (communes recomputes the results it affects). Bulk writers wrap their writes in
`rules_changes_batched()`: the signal then goes once, at the end of the block, with every set touched.
"""

import contextlib
import threading
from collections.abc import Iterable, Iterator

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import Band, CriteriaSet, Criterion, Indicator, Target, new_rules_version

rules_changed = Signal()  # kwargs: criteria_set_ids (set[int])

_batch = threading.local()


@contextlib.contextmanager
def rules_changes_batched() -> Iterator[None]:
    """Collect the sets changed inside the block; announce them once when it ends (nested blocks: the outermost)."""
    if getattr(_batch, "sets", None) is not None:
        yield
        return
    _batch.sets = set()
    try:
        yield
        pending = _batch.sets
    finally:
        _batch.sets = None
    if pending:
        _send(pending)


def announce(criteria_set_ids: Iterable[int]) -> None:
    """Tell the listeners that the rules of these sets changed (now, or at the end of the current batch)."""
    ids = {pk for pk in criteria_set_ids if pk is not None}
    if not ids:
        return
    if getattr(_batch, "sets", None) is not None:
        _batch.sets |= ids
    else:
        _send(ids)


def _send(criteria_set_ids: set[int]) -> None:
    """Renew the sets' rules versions (the key of their cached rules, criteria/rulebook.py) in the writing
    transaction, then tell the listeners."""
    for pk in criteria_set_ids:  # a few sets at most; each its own random version
        CriteriaSet.objects.filter(pk=pk).update(rules_version=new_rules_version())
    rules_changed.send(sender=CriteriaSet, criteria_set_ids=criteria_set_ids)


def _set_id(instance) -> int | None:
    if isinstance(instance, CriteriaSet):
        return instance.pk
    if isinstance(instance, Criterion | Band):
        return instance.criteria_set_id
    if isinstance(instance, Indicator):
        return Criterion.objects.filter(pk=instance.criterion_id).values_list("criteria_set_id", flat=True).first()
    if isinstance(instance, Target):
        return (
            Indicator.objects.filter(pk=instance.indicator_id)
            .values_list("criterion__criteria_set_id", flat=True)
            .first()
        )
    return None


@receiver(post_save, sender=Target)
@receiver(post_delete, sender=Target)
@receiver(post_save, sender=Indicator)
@receiver(post_delete, sender=Indicator)
@receiver(post_save, sender=Criterion)
@receiver(post_delete, sender=Criterion)
@receiver(post_save, sender=Band)
@receiver(post_delete, sender=Band)
@receiver(post_save, sender=CriteriaSet)
def _rule_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:  # loading a fixture: the loader announces
        announce([_set_id(instance)])
