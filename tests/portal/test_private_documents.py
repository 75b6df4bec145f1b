"""Documents in a collection restricted to signed-in users stay private: no public file address, here or through nginx."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.support.http import Resident


def make_document(title, collection):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title}.txt", ContentFile("居民花名册（内部）".encode()), save=True)
    return document


@pytest.fixture
def documents(db):
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    private = root.add_child(name="内部资料")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    return make_document("public-notice", root), make_document("roster", private)


@pytest.mark.django_db
def test_without_a_proxy_the_file_address_of_any_document_is_a_404(client, documents):
    public, restricted = documents
    assert client.get(restricted.file.url).status_code == 404
    assert client.get(public.file.url).status_code == 404
    assert client.get(restricted.url).status_code == 302  # Wagtail's view: sign in first
    served = client.get(public.url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == "居民花名册（内部）".encode()


@pytest.mark.django_db(transaction=True)
def test_through_nginx_documents_pass_the_privacy_check_and_nginx_sends_the_bytes(
    behind_nginx, documents, settings, admin_user
):
    settings.X_ACCEL_REDIRECT = True
    public, restricted = documents
    resident = Resident(behind_nginx)
    assert resident.get(restricted.file.url).status == 404
    assert resident.get(public.file.url).status == 404
    assert resident.get(restricted.url).status == 302
    served = resident.get(public.url)
    assert served.status == 200 and served.text == "居民花名册（内部）"
    assert "X-Accel-Redirect" not in served.headers
    assert resident.get(public.url).headers.get("X-Cache-Status") != "HIT"
    assert resident.get("/_protected/" + public.file.name).status == 404, "the internal location is not reachable"
