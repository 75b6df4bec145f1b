"""Public forms of the catalog: '这个页面有用吗' and a resident's need."""

import re
import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.ground.privacy import mask_personal_data
from services.catalog.models.three_lists import Moderation, Need, NeedCategory, NeedSource
from services.catalog.models.usefulness import UsefulnessVote
from services.places.models import Community

PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill every input reveal themselves."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


class UsefulnessForm(HoneypotMixin):
    """Yes or no, and optionally what was missing; no personal data is asked."""

    useful = forms.TypedChoiceField(
        choices=[("yes", pgettext_lazy("catalog", "Yes")), ("no", pgettext_lazy("catalog", "No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Please choose 有用 or 没用.")},
    )
    missing = forms.CharField(
        label=_("What was missing? (optional, please do not enter personal information)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )

    def record(self, page):
        """Save the answer (personal data in the note masked). The view decides whether to (spam, repeats)."""
        return UsefulnessVote.objects.create(
            page=page,
            useful=self.cleaned_data["useful"],
            missing=mask_personal_data(self.cleaned_data["missing"].strip()),
        )


class NeedForm(HoneypotMixin, forms.ModelForm):
    """A resident's need: public after moderation; the contact details never are."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    class Meta:
        model = Need
        fields = ["title", "description", "community", "category", "contact_name", "contact_phone"]
        labels = {
            "title": _("What do you need? (short title)"),
            "description": _("Describe the need"),
            "contact_name": _("How should we address you? (optional)"),
            "contact_phone": _("Contact phone"),
        }
        help_texts = {
            "description": _("Who needs it, where, when. Up to 1000 characters."),
            "contact_phone": _("Only community staff see it, to contact you. It is never published."),
        }
        widgets = {
            "title": forms.TextInput(attrs={"maxlength": 60}),
            "description": forms.Textarea(attrs={"rows": 6, "maxlength": 1000}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        error_messages = {
            "title": {"required": _("Please give your need a short title.")},
            "description": {"required": _("Please describe the need.")},
            "community": {"required": _("Please choose your community.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Community.objects.select_related("street")
        self.fields["community"].empty_label = _("Choose your community")
        self.fields["community"].error_messages["invalid_choice"] = _("Please choose a community from the list.")
        self.fields["category"].choices = NeedCategory.choices
        self.fields["contact_phone"].required = True
        self.fields["contact_phone"].error_messages["required"] = _("Please leave a phone number so we can reach you.")
        if not self.is_bound:
            self.initial["submission_token"] = uuid.uuid4()

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean_contact_phone(self):
        phone = re.sub(r"[\s()（）]", "", self.cleaned_data["contact_phone"])
        if not PHONE_RE.match(phone):
            raise forms.ValidationError(_("Please enter an 11-digit mobile number or a landline with area code."))
        return phone

    def save_once(self):
        """Create the need once per form token: a double submit returns the first record. -> (need, created)."""
        token = self.cleaned_data["submission_token"]
        for _attempt in range(3):
            existing = Need.objects.filter(submission_token=token).first()
            if existing:
                return existing, False
            need = self.save(commit=False)
            need.submission_token = token
            need.source = NeedSource.RESIDENT
            need.moderation = Moderation.PENDING
            need.reference = ""
            try:
                with transaction.atomic():
                    need.save()
                return need, True
            except IntegrityError:
                # Either the same token was saved by a concurrent request, or two references collided: retry.
                need.pk = None
        raise IntegrityError("could not save the need")
