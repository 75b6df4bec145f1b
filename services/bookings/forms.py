"""The booking form residents fill in, and the reason staff give when they decline."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BookingForm(forms.Form):
    slot = forms.CharField(label=_("Time slot"), max_length=20, error_messages={"required": _("Choose a time.")})
    purpose = forms.CharField(
        label=_("What the room is for"),
        max_length=100,
        error_messages={"required": _("Say briefly what the room is for, e.g. 楼栋议事会.")},
    )
    attendees = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Give the number of people."),
            "invalid": _("Give the number of people as a whole number."),
            "min_value": _("Give the number of people as a whole number."),
            "max_value": _("That is more people than any room seats."),
        },
    )

    def clean_purpose(self):
        purpose = " ".join(self.cleaned_data["purpose"].split())
        if not purpose:
            raise forms.ValidationError(_("Say briefly what the room is for, e.g. 楼栋议事会."))
        return purpose


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the resident"),
        max_length=200,
        error_messages={"required": _("Give the resident a reason.")},
    )
