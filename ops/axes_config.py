"""django-axes under a translated heading (its own module: ops.apps must hold only OpsConfig for Django to pick it)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class LoginThrottlingConfig(AxesAppConfig):
    """django-axes under a Vietnamese heading in the admin ("Chống dò mật khẩu"); its own screens' words are
    translated in the project's catalogue (ops/axes_strings.py marks them for makemessages)."""

    verbose_name = _("Login throttling")
