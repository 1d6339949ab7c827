"""Editors' sign-in: limited tries, and a second factor that only an administrator can enrol.

wagtail-2fa's code form, made to work with django-otp 1.7:

django-otp 1.7 no longer tries a code against each of an editor's devices (a failed try throttled the others): the
form must name the device, and wagtail-2fa 1.8's form does not, so no editor could finish signing in. Here the
editor's only authenticator is used; an editor with several chooses one on the form.
"""

from functools import wraps

import django_otp
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_ratelimit.core import get_usage
from wagtail_2fa.forms import TokenForm
from wagtail_2fa.middleware import VerifyUserMiddleware
from wagtail_2fa.views import LoginView

from .keys import network_key
from .views import too_many_requests


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


def limited_sign_in(view):
    """Editors' sign-in steps (password, second factor, password reset), limited per network (hashed, never the
    address) to HELPHUB_LOGIN_RATE tries.

    Unlike the chat, these fail closed: when the cache that counts the tries is down, a try is refused (429) rather
    than let through unlimited. An editor can wait a minute; a password guesser must not get unlimited tries.
    """

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method == "POST":
            usage = get_usage(request, group="editor-sign-in", key=network_key, rate=settings.HELPHUB_LOGIN_RATE,
                              method="POST", increment=True)
            if usage is None or usage["should_limit"]:  # None: the cache could not count
                return too_many_requests(request)
        return view(request, *args, **kwargs)

    return limited


class EditorVerifyMiddleware(VerifyUserMiddleware):
    """wagtail-2fa's check that an editor gave their second factor, without its first-sign-in enrolment.

    wagtail-2fa lets an editor who has no authenticator yet add one right after the password: whoever has the password
    could then enrol their own phone. Here an administrator enrols each editor's authenticator
    (`manage.py enrol_editor`, handed over in person); an editor without one is signed out with that explanation.
    Adding a second authenticator stays possible after signing in with the first.
    """

    _allowed_url_names_no_device = []

    def process_request(self, request):
        from django.contrib import messages
        from django.contrib.auth import logout
        from django.shortcuts import redirect

        user = getattr(request, "user", None)
        if (settings.WAGTAIL_2FA_REQUIRED and user is not None and user.is_authenticated
                and self._require_verified_user(request)
                and not django_otp.user_has_device(user, confirmed=True)):
            logout(request)
            messages.error(request, _("Your account has no authenticator app yet. Ask a HelpHub administrator to set "
                                      "one up with you; then sign in with your password and its code."))
            return redirect("wagtailadmin_login")
        return super().process_request(request)
