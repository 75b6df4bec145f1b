from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site shell and news")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.ground import content_version
        from portal.ground.signals import content_changed

        from . import registry

        # Pages, news tags, the home page's lists and the site settings: all public.
        content_version.watch(*self.get_models())
        content_changed.connect(registry.forget_figures, dispatch_uid="home-forget-figures")
