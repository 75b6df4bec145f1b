"""What staff configure: categories, departments, the working-day calendar and reply templates."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Department(models.Model):
    """A functional department (职能部门) that receives dispatched tickets; its staff form one Wagtail group."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    group = models.OneToOneField(
        Group,
        verbose_name=_("staff group"),
        on_delete=models.PROTECT,
        related_name="feedback_department",
        help_text=_("Members of this group see and handle only the tickets dispatched to this department."),
    )
    email = models.EmailField(_("notification e-mail"), blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("group"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    """A kind of problem residents report (乱停车, 电梯 …); also an Open311 service."""

    name = models.CharField(_("name"), max_length=40, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Open311 service_code"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline in working days"), default=5, help_text=_("Counted from dispatch to a department.")
    )
    acknowledge_days = models.PositiveSmallIntegerField(
        _("acknowledgement deadline in working days"),
        default=1,
        help_text=_("The department acknowledges (签收) a dispatched ticket within this many working days."),
    )
    default_department = models.ForeignKey(
        Department,
        verbose_name=_("usual department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("offered to residents"), default=True)
    sensitive = models.BooleanField(
        _("sensitive (reported from home)"),
        default=False,
        help_text=_(
            "For complaints usually made at home (noise, neighbours): the public pages and the Open311 API "
            "never show a location or community for these tickets."
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("description"),
        FieldPanel("keywords"),
        FieldPanel("deadline_days"),
        FieldPanel("acknowledge_days"),
        FieldPanel("default_department"),
        FieldPanel("active"),
        FieldPanel("sensitive"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("feedback category")
        verbose_name_plural = _("feedback categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class CategoryQuestion(models.Model):
    """An extra question a category asks (an Open311 service-definition attribute)."""

    DATATYPES = [("string", _("short text")), ("number", _("number")), ("singlevaluelist", _("one choice"))]

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.SlugField(_("code"), max_length=40)
    question = models.CharField(_("question"), max_length=200)
    datatype = models.CharField(_("answer type"), max_length=20, choices=DATATYPES, default="string")
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line as key|label"))
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("category"),
        FieldPanel("code"),
        FieldPanel("question"),
        FieldPanel("datatype"),
        FieldPanel("required"),
        FieldPanel("choices"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("category question")
        verbose_name_plural = _("category questions")
        ordering = ["category", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="unique_question_code")]

    def __str__(self):
        return f"{self.category} · {self.question}"

    def choice_list(self):
        """The choices as (key, label) pairs."""
        pairs = []
        for line in self.choices.splitlines():
            if line.strip():
                key, _sep, label = line.partition("|")
                pairs.append((key.strip(), (label or key).strip()))
        return pairs


class ReplyTemplate(models.Model):
    """A reusable reply text for one department and/or category; with neither set it suits every ticket."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="templates",
        help_text=_("Leave empty for a template every department may use."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="templates",
        help_text=_("Leave empty for a template that suits every category."),
    )
    title = models.CharField(_("title"), max_length=80)
    body = models.TextField(_("reply text"), max_length=2000)

    panels = [FieldPanel("department"), FieldPanel("category"), FieldPanel("title"), FieldPanel("body")]

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["category__sort_order", "title"]

    def __str__(self):
        return self.title

    @classmethod
    def for_ticket(cls, ticket):
        """The templates that fit the ticket's department and category, the most specific first; general
        ones (no department, no category) come last as the fallback."""
        department_id, category_id = ticket.department_id, ticket.category_id
        return (
            cls.objects.filter(
                models.Q(department_id=department_id) | models.Q(department__isnull=True)
                if department_id
                else models.Q(department__isnull=True),
                models.Q(category_id=category_id) | models.Q(category__isnull=True)
                if category_id
                else models.Q(category__isnull=True),
            )
            .annotate(
                specificity=models.Case(
                    models.When(department__isnull=False, category__isnull=False, then=models.Value(0)),
                    models.When(category__isnull=False, then=models.Value(1)),
                    models.When(department__isnull=False, then=models.Value(2)),
                    default=models.Value(3),
                    output_field=models.IntegerField(),
                )
            )
            .order_by("specificity", "title")
        )
