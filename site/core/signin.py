"""Editors' second factor: wagtail-2fa's code form, made to work with django-otp 1.7.

django-otp 1.7 no longer tries a code against each of an editor's devices (a failed try throttled the others): the
form must name the device, and wagtail-2fa 1.8's form does not, so no editor could finish signing in. Here the
editor's only authenticator is used; an editor with several chooses one on the form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from wagtail_2fa.forms import TokenForm
from wagtail_2fa.views import LoginView


class EditorTokenForm(TokenForm):
    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.devices = list(devices_for_user(user, confirmed=True)) if user and user.is_authenticated else []
        if len(self.devices) > 1:
            self.fields["otp_device"] = forms.ChoiceField(
                label=_("Authenticator"), choices=[(device.persistent_id, device.name) for device in self.devices]
            )

    @property
    def extra_fields(self):
        """The fields wagtail-2fa's template shows after the code: the choice of authenticator, when there is one."""
        return [(name, self[name]) for name in self.fields if name != "otp_token"]

    def _chosen_device(self, user):
        if len(self.devices) == 1:
            return next(iter(devices_for_user(user, confirmed=True, for_verify=True)), None)
        return super()._chosen_device(user)


class EditorCodeView(LoginView):
    form_class = EditorTokenForm
