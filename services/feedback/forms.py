"""Public forms: the report, the tracking lookup, the rating, wishes and claims."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from services.places.models import Community, Grid

from .models import STAFF_SOURCES, Category, CategoryQuestion, Rating, Source, Wish
from .photos import sanitise_photo
from .questions import ANSWER_MAX, clean_answers
from .validators import clean_person_name, clean_text, normalise_mobile, validate_in_china, validate_mobile

MAX_PHOTOS = 3
DESCRIPTION_MAX = 2000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Up to three photos in one input; each is decoded and re-encoded (see photos.py)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"accept": "image/jpeg,image/png,image/webp", "multiple": True})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("At most 3 photos, please."), code="too_many")
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(sanitise_photo(upload))
            except ValidationError as exc:
                errors.append(f"{upload.name[:60]}：{exc.messages[0]}")
        if errors:
            raise ValidationError(errors)
        return cleaned


class MobileField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def to_python(self, value):
        return normalise_mobile(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value:
            validate_mobile(value)


def answer_field(question):
    """The form field for one category question. It checks nothing itself: only the chosen category's
    answers are checked, in TicketForm.clean(), so a stray value in another category's fieldset never
    blocks a report."""
    attrs = {"maxlength": ANSWER_MAX, "autocomplete": "off"}
    if question.datatype == "singlevaluelist":
        widget = forms.Select(choices=[("", _("— choose —")), *question.choice_list()], attrs=attrs)
    elif question.datatype == "number":
        widget = forms.TextInput(attrs={**attrs, "inputmode": "decimal", "maxlength": 20})
    else:
        widget = forms.TextInput(attrs=attrs)
    label = question.question
    if question.required:
        label = format_lazy("{}{}", label, pgettext_lazy("form field", " (required)"))
    return forms.CharField(label=label, required=False, widget=widget)


def form_choices(request=None):
    """The report form's choice lists and extra questions, cached per content version.

    They are content (categories and their questions bump the content version too, see apps.py), so
    every worker keeps them in its per-process cache. Only data is cached here, never rendered HTML:
    the form itself, its CSRF token, typed values and errors are built for each request.
    """
    from portal.ground.caching import per_version

    return per_version(request, "feedback:form-choices", _load_form_choices)


def _load_form_choices():
    categories = Category.objects.filter(active=True)
    questions = CategoryQuestion.objects.filter(category__in=categories).select_related("category")
    return {
        "categories": [(c.pk, str(c)) for c in categories],
        "communities": [(c.pk, f"{c.street.name} · {c.name}") for c in Community.objects.select_related("street")],
        "grids": [(g.pk, f"{g.community.name} · {g.name}") for g in Grid.objects.select_related("community")],
        "questions": list(questions.order_by("category__sort_order", "category__name", "sort_order", "code")),
    }


class TicketForm(forms.Form):
    """The report form (我要反映); every error message is Chinese and keeps what was typed."""

    category = forms.ModelChoiceField(
        label=_("What kind of problem?"),
        queryset=Category.objects.filter(active=True),
        empty_label=_("— choose —"),
        error_messages={"required": _("Please choose the kind of problem.")},
    )
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.all(),
        required=False,
        empty_label=_("— not sure —"),
    )
    grid = forms.ModelChoiceField(
        label=_("Grid"),
        queryset=Grid.objects.select_related("community"),
        required=False,
        empty_label=_("— not sure —"),
    )
    address = forms.CharField(
        label=_("Where exactly?"),
        max_length=200,
        required=False,
        help_text=_("Street, compound, building — as you would tell a neighbour."),
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(
        label=_("What is the problem?"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Up to 2000 characters."),
        error_messages={
            "required": _("Please describe the problem."),
            "max_length": _("Please shorten the description to at most 2000 characters (now %(show_value)d)."),
        },
    )
    photos = MultiplePhotoField(
        label=_("Photos (optional, up to 3)"), help_text=_("JPEG, PNG or WebP, at most 5 MB each.")
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=40,
        error_messages={"required": _("Please tell us your name so that we can reply.")},
    )
    phone = MobileField(
        label=_("Mobile phone"),
        help_text=_("Only staff handling your report see it. Its last 4 digits let you track the report."),
        error_messages={"required": _("Please enter your mobile number so that we can reply.")},
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=254,
        help_text=_("We send the reply there too."),
        error_messages={"invalid": _("Please enter a valid e-mail address, or leave it empty.")},
    )
    name_public = forms.BooleanField(
        label=_("My name may be shown if this report is published (otherwise “匿名居民”)"), required=False
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy notice above"),
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )
    station = forms.IntegerField(required=False, widget=forms.HiddenInput)
    idempotency_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill every field.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))
    challenge_token = forms.CharField(required=False, widget=forms.HiddenInput)
    challenge_answer = forms.CharField(required=False, max_length=6, label=_("Your answer"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4().hex
        self.fields["community"].label_from_instance = lambda c: f"{c.street.name} · {c.name}"
        self.fields["grid"].label_from_instance = lambda g: f"{g.community.name} · {g.name}"
        self.fields["community"].queryset = Community.objects.select_related("street")
        # The options come from the per-version cache; a submitted value is still checked against the
        # database by the field's queryset.
        choices = form_choices(request)
        for name, key in (("category", "categories"), ("community", "communities"), ("grid", "grids")):
            field = self.fields[name]
            field.choices = [("", field.empty_label), *choices[key]]
        for name in ("name",):
            self.fields[name].widget.attrs["autocomplete"] = "name"
        self.fields["address"].widget.attrs["autocomplete"] = "off"
        self._add_question_fields(choices["questions"])

    @property
    def is_blank(self):
        """True for an unbound form with nothing pre-filled: its fields look the same for every visitor."""
        return not self.is_bound and not any(value for name, value in self.initial.items() if name != "idempotency_key")

    # Extra questions of the categories: every category's fieldset is rendered (pages work without
    # JavaScript; feedback.js shows only the chosen category's); only the chosen one's answers count.

    @staticmethod
    def answer_field_name(question):
        return f"answer_{question.category_id}_{question.code}"

    def _add_question_fields(self, questions):
        self.questions_by_category = {}
        for question in questions:
            self.questions_by_category.setdefault(question.category, []).append(question)
            self.fields[self.answer_field_name(question)] = answer_field(question)

    def question_fieldsets(self):
        """[{category, fields}] for the categories that ask extra questions, in the categories' order."""
        return [
            {"category": category, "fields": [self[self.answer_field_name(q)] for q in questions]}
            for category, questions in self.questions_by_category.items()
        ]

    def _clean_answers(self, data):
        category = data.get("category")
        questions = self.questions_by_category.get(category, []) if category else []
        answers, errors = clean_answers(questions, lambda q: data.get(self.answer_field_name(q), ""))
        for error in errors:
            self.add_error(self.answer_field_name(error.question), error.message)
        data["attributes"] = answers

    def clean_description(self):
        return clean_text(self.cleaned_data["description"])

    def clean_address(self):
        return clean_text(self.cleaned_data["address"])

    def clean_name(self):
        return clean_person_name(self.cleaned_data["name"])

    def clean_idempotency_key(self):
        key = self.cleaned_data.get("idempotency_key") or ""
        return key if key.isalnum() else ""

    def clean(self):
        data = super().clean()
        try:
            validate_in_china(data.get("latitude"), data.get("longitude"))
        except ValidationError as exc:
            self.add_error(None, exc)
        community, grid = data.get("community"), data.get("grid")
        if grid and community and grid.community_id != community.pk:
            self.add_error("grid", _("This grid does not belong to the chosen community."))
        if grid and not community:
            data["community"] = grid.community
        if not (data.get("community") or data.get("address") or data.get("latitude") is not None):
            self.add_error("address", _("Please say where: choose a community, describe the place or set a map pin."))
        self._clean_answers(data)
        return data

    def ticket_fields(self):
        data = self.cleaned_data
        return {
            "category": data["category"],
            "community": data.get("community"),
            "grid": data.get("grid"),
            "address": data.get("address", ""),
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "description": data["description"],
            "name": data["name"],
            "phone": data["phone"],
            "email": data.get("email", ""),
            "name_public": data.get("name_public", False),
            "station_page_id": data.get("station") or None,
            "attributes": data.get("attributes", {}),
        }


class StaffTicketForm(TicketForm):
    """The acceptance centre enters a report for a phone caller (12345) or a walk-in resident.

    Same fields, checks and extra questions as the public form; instead of the resident's consent,
    staff confirm they told the caller how the data is used. No honeypot, challenge or rate limit.
    """

    channel = forms.ChoiceField(
        label=_("How did the resident report it?"),
        choices=[(s.value, s.label) for s in STAFF_SOURCES],
        initial=Source.PHONE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the channel: phone or walk-in."),
            "invalid_choice": _("Choose the channel: phone or walk-in."),
        },
    )
    consent = forms.BooleanField(
        label=_("I have told the resident how their name and number are used and kept"),
        error_messages={"required": _("Tell the resident about the privacy notice and tick the box.")},
    )

    field_order = ["channel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("website", "challenge_token", "challenge_answer", "station"):
            del self.fields[name]
        self.fields["name"].error_messages["required"] = _("Enter the resident's name.")
        self.fields["name"].label = _("Resident's name")
        self.fields["phone"].label = _("Resident's mobile phone")
        self.fields["phone"].help_text = _("The last 4 digits let the resident track the report.")
        self.fields["phone"].error_messages["required"] = _("Enter the resident's mobile number.")
        self.fields["email"].label = _("Resident's e-mail (optional)")
        self.fields["name_public"].label = _(
            "The resident agrees that the name may be shown if the answer is published"
        )

    def ticket_fields(self):
        fields = super().ticket_fields()
        fields.pop("station_page_id")
        fields["source"] = self.cleaned_data["channel"]
        return fields


class TrackForm(forms.Form):
    """Find a ticket by its number and the last four digits of the phone."""

    number = forms.CharField(
        label=_("Ticket number"),
        max_length=20,
        help_text=_("For example FK20261122-0042"),
        error_messages={"required": _("Please enter the ticket number.")},
    )
    phone_last4 = forms.RegexField(
        label=_("Last 4 digits of your mobile"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={
            "required": _("Please enter the last 4 digits of your mobile."),
            "invalid": _("Please enter exactly 4 digits."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone_last4"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.fields["number"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "characters"})

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper().replace(" ", "")


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How satisfied are you with the reply?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose 满意, 基本满意 or 不满意.")},
    )
    comment = forms.CharField(
        label=_("Comment (required when unsatisfied)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("rating") == Rating.UNSATISFIED and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Please tell us what is still wrong, so that it can be handled again."))
        return data


class WishForm(forms.ModelForm):
    """A resident (or community staff for them) posts a wish; it waits for approval."""

    submitter_phone = MobileField(label=_("Mobile phone"), help_text=_("Only community staff see it."))
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))
    # The self-hosted challenge, asked only past the soft limit (see abuse.py).
    challenge_token = forms.CharField(required=False, widget=forms.HiddenInput)
    challenge_answer = forms.CharField(required=False, max_length=6, label=_("Your answer"))
    consent = forms.BooleanField(
        label=_("I have read the privacy notice above"),
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )

    class Meta:
        model = Wish
        fields = ["title", "beneficiary", "description", "community", "submitter_name", "submitter_phone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].empty_label = _("— choose —")
        for name in ("title", "beneficiary", "description", "submitter_name"):
            self.fields[name].error_messages["required"] = _("This field is required.")

    def clean_description(self):
        return clean_text(self.cleaned_data["description"])

    def clean_submitter_name(self):
        return clean_person_name(self.cleaned_data["submitter_name"])


class ClaimForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=40, error_messages={"required": _("Please tell us your name.")}
    )
    phone = MobileField(
        label=_("Mobile phone"),
        help_text=_("Only the community sees it, to arrange the hand-over."),
        error_messages={"required": _("Please enter your mobile number.")},
    )
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))

    def clean_name(self):
        return clean_person_name(self.cleaned_data["name"])
