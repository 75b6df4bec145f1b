"""A small model field for a set of choices stored as one indexed string."""

from django import forms
from django.db import models


class ChoiceSetField(models.CharField):
    """Several choices stored as ``,water,charging,`` so that one LIKE finds every station with a value.

    Python sees a list of codes; forms show checkboxes. Filter with ``field__contains=",code,"``.
    """

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, (list, tuple)):
            return [v for v in value if v]
        return [v for v in str(value).split(",") if v]

    def get_prep_value(self, value):
        if isinstance(value, str):  # lookups such as contains pass a plain fragment
            return value
        codes = [code for code, _label in self.flatchoices if code in set(value or [])]
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return ",".join(self.value_from_object(obj) or [])

    def validate(self, value, model_instance):
        allowed = {code for code, _label in self.flatchoices}
        for code in value or []:
            if code not in allowed:
                raise forms.ValidationError(self.error_messages["invalid_choice"], params={"value": code})
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"])

    def run_validators(self, value):
        # CharField's max-length validator would see a list; the stored string is always short.
        return None

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        defaults.pop("choices_form_class", None)
        defaults.pop("coerce", None)
        defaults.pop("empty_value", None)
        defaults.pop("max_length", None)
        return forms.TypedMultipleChoiceField(
            **{k: v for k, v in defaults.items() if k != "form_class"},
        )

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "services.places.models.fields.ChoiceSetField", args, kwargs
