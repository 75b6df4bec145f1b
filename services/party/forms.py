"""Forms of the check-in: the declaration, reporting hours, and the community's reason for declining."""

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.places.models import Community

from .service import earliest_service_date

# Letters (any script), the middle dot of ethnic names, no digits or symbols.
NAME = re.compile(r"^[^\W\d_]+(?:[·•][^\W\d_]+)*$")


def _clean_text(value, label, minimum=2):
    value = re.sub(r"\s+", " ", value or "").strip()
    if len(value) < minimum:
        raise forms.ValidationError(_("Write the full %(label)s.") % {"label": label})
    if any(ord(ch) < 32 for ch in value) or "<" in value or ">" in value:
        raise forms.ValidationError(_("Remove the symbols < and > from the %(label)s.") % {"label": label})
    return value


class DeclarationForm(forms.Form):
    name = forms.CharField(
        label=_("Real name"),
        max_length=20,
        help_text=_("As on your party membership record; shown to your community's staff and on your annual record."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    work_unit = forms.CharField(
        label=_("Work unit"),
        max_length=80,
        help_text=_("e.g. 区卫生健康局, 市第二人民医院"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Enter your work unit.")},
    )
    branch = forms.CharField(
        label=_("Party organisation"),
        max_length=80,
        help_text=_("The party branch your membership belongs to, e.g. 区卫生健康局机关第一党支部"),
        error_messages={"required": _("Enter your party organisation.")},
    )
    community = forms.ModelChoiceField(
        label=_("Community where you live"),
        queryset=Community.objects.select_related("street"),
        empty_label=_("Choose your community"),
        error_messages={
            "required": _("Choose the community where you live."),
            "invalid_choice": _("Choose the community where you live from the list."),
        },
    )
    confirm = forms.BooleanField(
        label=_("I am a member of the Communist Party of China and the information above is true."),
        error_messages={"required": _("Tick the box to confirm that the information is true.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].label_from_instance = lambda c: f"{c.street.name} · {c.name}"
        for field in self.fields.values():
            field.error_messages["max_length"] = _("Keep it to %(limit_value)d characters.")

    def clean_name(self):
        name = re.sub(r"\s+", "", self.cleaned_data["name"])
        if not 2 <= len(name) <= 20 or not NAME.match(name):
            raise forms.ValidationError(_("Enter your real name in letters only, such as 王建华."))
        return name

    def clean_work_unit(self):
        return _clean_text(self.cleaned_data["work_unit"], _("work unit"))

    def clean_branch(self):
        return _clean_text(self.cleaned_data["branch"], _("party organisation"))


class HoursForm(forms.Form):
    claim = forms.ModelChoiceField(
        label=_("Post"),
        queryset=None,
        required=False,
        empty_label=_("Other community service"),
        error_messages={"invalid_choice": _("Choose one of your posts from the list.")},
    )
    date = forms.DateField(
        label=_("Date of service"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the date of the service."),
            "invalid": _("Enter a date such as 2026-11-28."),
        },
    )
    hours = forms.DecimalField(
        label=_("Hours served"),
        max_digits=3,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=Decimal("12"),
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "12", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the hours served."),
            "invalid": _("Enter the hours as a number, such as 2 or 1.5."),
            "min_value": _("Enter at least half an hour."),
            "max_value": _("Enter at most 12 hours for one day."),
            "max_digits": _("Enter the hours as a number, such as 2 or 1.5."),
            "max_decimal_places": _("Enter the hours in half hours, such as 2 or 1.5."),
            "max_whole_digits": _("Enter at most 12 hours for one day."),
        },
    )
    description = forms.CharField(
        label=_("What you did"), max_length=200, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, registration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claim"].queryset = registration.posts.all() if registration else None
        self.fields["description"].error_messages["max_length"] = _("Keep it to %(limit_value)d characters.")

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if date < earliest_service_date():
            raise forms.ValidationError(_("Hours can be reported for the past year only."))
        return date

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours * 2 != int(hours * 2):
            raise forms.ValidationError(_("Enter the hours in half hours, such as 2 or 1.5."))
        return hours

    def clean_description(self):
        value = re.sub(r"\s+", " ", self.cleaned_data["description"]).strip()
        if "<" in value or ">" in value:
            raise forms.ValidationError(
                _("Remove the symbols < and > from the %(label)s.") % {"label": _("what you did")}
            )
        return value


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=200,
        error_messages={"required": _("Give the reason for declining, so that the member can correct it.")},
    )
