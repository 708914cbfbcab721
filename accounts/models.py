"""A user's role in the programme: office staff, district officer or leadership."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("office staff")
    DISTRICT = "district", _("district officer")
    LEADERSHIP = "leadership", _("leadership")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    district = models.ForeignKey(
        "communes.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_(
            "District officers: the district whose communes they edit (before 1/7/2025). An officer appointed after "
            "the reform has none, only the communes assigned below."
        ),
    )
    communes = models.ManyToManyField(
        "communes.Commune",
        verbose_name=_("communes followed after the reform"),
        blank=True,
        related_name="officers",
        help_text=_(
            "Districts no longer exist from 1/7/2025: the communes this district officer edits from then on, "
            "assigned by office staff."
        ),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="district") | Q(district__isnull=True),
                name="profile_district_only_for_district_officers",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def clean(self) -> None:
        """Only district officers have a district. Whether an officer has a district or assigned communes is the
        form's check (`accounts.forms.ProfileForm`): the communes are saved after the profile."""
        if self.role != Role.DISTRICT and self.district_id:
            raise ValidationError({"district": _("Only district officers have a district.")}, code="district_forbidden")
