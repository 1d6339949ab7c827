"""Model fields for the directory's small fixed lists (audiences, situations, languages)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class ChoiceListField(models.JSONField):
    """A list of values from a fixed set, stored as JSON and edited as checkboxes.

    Used for short lists such as a channel's audiences, where a join table would add nothing for editors.
    """

    def __init__(self, *args, options=(), **kwargs):
        self.options = list(options)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["options"] = self.options
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.options,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=kwargs.get("label", self.verbose_name.capitalize()),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {key for key, _label in self.options}
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(f"Unknown value(s): {', '.join(map(str, unknown))}")
