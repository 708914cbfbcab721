"""The role form of the user admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile, Role


class ProfileForm(forms.ModelForm):
    """A district officer needs a district (before 1/7/2025) or communes assigned to them (after it): checked here,
    where the chosen communes are known (the model's `clean` runs before they are saved)."""

    class Meta:
        model = Profile
        fields = ["role", "district", "communes"]

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.DISTRICT and not data.get("district") and not data.get("communes"):
            raise forms.ValidationError(
                {
                    "district": _(
                        "A district officer needs a district (before 1/7/2025) or communes assigned to them (after it)."
                    )
                },
                code="scope_required",
            )
        return data
