"""Plain Django views of the catalog: QR codes of guides."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from portal.ground.qr import FORMATS, qr_response
from services.catalog.models import ServiceGuidePage


@require_GET
def guide_qr(request, pk, fmt):
    """The QR code (PNG or SVG) that opens a live guide at its absolute URL on a phone."""
    if fmt not in FORMATS:
        raise Http404
    guide = get_object_or_404(ServiceGuidePage.objects.live().public(), pk=pk)
    url = request.build_absolute_uri(guide.get_url(request))
    return qr_response(url, fmt, filename=f"guide-{guide.pk}-qr.{fmt}")
