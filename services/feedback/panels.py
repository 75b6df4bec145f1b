"""Admin panels: a resident's contact details shown by the one masking rule, each look recorded."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from portal.ground.privacy import mask_for

from .personal_data import log_viewed


class ResidentContactPanel(Panel):
    """Read-only name and phone of the resident behind a record, as the viewing staff member may see them."""

    def __init__(self, name_field, phone_field, **kwargs):
        kwargs.setdefault("heading", _("Submitted by"))
        super().__init__(**kwargs)
        self.name_field, self.phone_field = name_field, phone_field

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "name_field": self.name_field, "phone_field": self.phone_field}

    class BoundPanel(Panel.BoundPanel):
        template_name = "feedback/admin/resident_contact_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            user, instance = self.request.user, self.instance
            context["contact_name"] = mask_for(user, "name", getattr(instance, self.panel.name_field, ""))
            context["contact_phone"] = mask_for(user, "phone", getattr(instance, self.panel.phone_field, ""))
            if instance is not None and instance.pk:
                log_viewed(user, instance)
            return context
