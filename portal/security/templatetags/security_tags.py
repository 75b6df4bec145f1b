"""``{% permit_feature "geolocation" %}``: a page states which browser feature it needs."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def permit_feature(context, feature):
    """Allow ``feature`` for this response's Permissions-Policy (same origin only); renders nothing."""
    request = context.get("request")
    if request is not None:
        permitted = getattr(request, "permitted_features", set())
        permitted.add(feature)
        request.permitted_features = permitted
    return ""
