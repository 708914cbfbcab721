"""Writes of the OCOP register, and the expiry reminder run by `send_reminders`."""

import datetime

from django.db import transaction

from accounts.selectors import district_officers, office_staff
from notifications.services import notify

from . import rules
from .models import OcopProduct, OcopRating, OcopRule
from .notices import EXPIRING


class NoRuleInForce(ValueError):
    """No OCOP rule was in force on the decision date."""


def rule_in_force(day: datetime.date) -> OcopRule | None:
    """The stored rule in force on `day` (`rules.rule_for` over every rule)."""
    return rules.rule_for(list(OcopRule.objects.all()), day)


@transaction.atomic
def ocop_rating_save(*, rating: OcopRating, user) -> OcopRating:
    """Save a new or changed rating with the rule in force on its decision date; total, stars and expiry follow.

    Raises NoRuleInForce when no rule covers the decision date (the form says so on the field first).
    """
    rule = rule_in_force(rating.decision_date)
    if rule is None:
        raise NoRuleInForce(rating.decision_date)
    rating.rule = rule
    if rating.pk is None:
        rating.created_by = user
    rating.save()
    return rating


def ocop_expiry_reminders_send(*, today: datetime.date) -> int:
    """Tell the office and the commune's district officers of every current certificate expiring within 90 days.

    One notification per person, product and expiry date (key `ocop-expiry:<product>:<date>`), however often
    it runs; a re-rated product has a new expiry and so a new reminder when that one nears. Returns how many
    notifications were created.
    """
    last = today + datetime.timedelta(days=rules.WARN_DAYS)
    products = (
        OcopProduct.objects.with_current()
        .filter(current_stars__gte=rules.RECOGNISED_STARS, current_expires_on__gte=today, current_expires_on__lte=last)
        .select_related("commune")
        .order_by("pk")
    )
    office = list(office_staff())
    officers: dict[int | None, list] = {}
    sent = 0
    for product in products:
        district_id = product.commune.district_id
        if district_id not in officers:
            officers[district_id] = list(district_officers(district_id))
        expires = product.current_expires_on
        sent += notify(
            recipients=office + officers[district_id],
            kind=EXPIRING,
            params={
                "product": product.name,
                "commune": product.commune.name,
                "stars": str(product.current_stars),
                "expires": expires.strftime("%d/%m/%Y"),
            },
            url=product.get_absolute_url(),
            key=f"ocop-expiry:{product.pk}:{expires.isoformat()}",
        )
    return sent
