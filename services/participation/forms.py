"""Forms residents fill in: their mobile number, the code they received, their honour-roll choice."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .signin import SignInError, normalise_phone


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "13800000000"}),
    )

    def clean_phone(self):
        try:
            return normalise_phone(self.cleaned_data["phone"])
        except SignInError as exc:
            raise forms.ValidationError(str(exc)) from None


class CodeForm(PhoneForm):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return code


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=20, required=False)
    on_honour_roll = forms.BooleanField(label=_("Show me on the honour roll (name masked, e.g. 张**)"), required=False)
