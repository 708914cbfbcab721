"""Trainings, study tours and promotion events (tập huấn, tham quan học tập, hội chợ và xúc tiến).

Reports count them by level (province, district, commune), with classes, participants (officials and
residents), topics and cost (OPERATIONS.md §2.5: "19 lớp tập huấn cho 1.040 cán bộ", "3 đoàn thăm quan").
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ntm.lib.text import fold


class Training(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("training course")
        STUDY_TOUR = "study_tour", _("study tour")
        FAIR = "fair", _("fair or product promotion")
        OTHER = "other", _("other")

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        DISTRICT = "district", _("district")
        COMMUNE = "commune", _("commune")

    class CostSource(models.TextChoices):
        CENTRAL_BUDGET = "central_budget", _("central budget")
        LOCAL_BUDGET = "local_budget", _("local budget")
        INTEGRATED = "integrated", _("integrated funds")
        ENTERPRISES = "enterprises", _("enterprises")
        COMMUNITY = "community", _("community and residents")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    organiser = models.CharField(_("organiser"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    topics = models.TextField(_("topics"), blank=True)
    districts = models.ManyToManyField(
        "communes.District", verbose_name=_("districts covered"), blank=True, related_name="trainings"
    )
    communes = models.ManyToManyField(
        "communes.Commune", verbose_name=_("communes covered"), blank=True, related_name="trainings"
    )
    participants = models.PositiveIntegerField(_("participants"))
    officials = models.PositiveIntegerField(_("of whom officials"), null=True, blank=True)
    residents = models.PositiveIntegerField(_("of whom residents"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (million VND)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    cost_source = models.CharField(_("cost paid from"), max_length=20, choices=CostSource.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    search_text = models.TextField(_("search text"), editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("training or event")
        verbose_name_plural = _("trainings and events")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="training_ends_after_start"),
            models.CheckConstraint(
                condition=Q(officials__isnull=True) | Q(officials__lte=models.F("participants")),
                name="training_officials_within_participants",
            ),
            models.CheckConstraint(
                condition=Q(residents__isnull=True) | Q(residents__lte=models.F("participants")),
                name="training_residents_within_participants",
            ),
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gte=0), name="training_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join([self.title, self.organiser, self.place, self.topics]))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("trainings:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The end date is before the start date.")
        if self.participants is not None:
            together = (self.officials or 0) + (self.residents or 0)
            if together > self.participants:
                errors["participants"] = _(
                    "Officials and residents together (%(together)s) are more than the participants."
                ) % {"together": together}
        if self.cost_source and self.cost is None:
            errors["cost"] = _("Give the cost, or clear its source.")
        if errors:
            raise ValidationError(errors)
