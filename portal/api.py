"""Wagtail API v2 for mini-program clients: pages, images and documents."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from portal.ground.params import PublicBadRequest, offset_param


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, with an offset no database can take answered as a 400 instead of a 500."""

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset_param(request.GET)
        except PublicBadRequest as exc:
            raise BadRequestError(exc.message) from exc
        return super().paginate_queryset(queryset, request, view)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedPagination


class PortalImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedPagination


class PortalDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
