"""Importing reports in the admin: upload files, check and correct what was detected, import as drafts.

Uploaded files wait in a staging folder under VAR_DIR (one folder per upload, named by a random token kept in the
editor's session) between the preview and the import, so the preview shows exactly what will be imported.
"""

import secrets
import shutil
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .reader import MAX_BYTES, SUPPORTED_SUFFIXES, ArticleImportError
from .service import KINDS, find_parent, import_article, read_articles

SESSION_KEY = "article_import_tokens"
MAX_FILES = 50


def staging_root():
    return Path(settings.VAR_DIR) / "import-staging"


def importable_kinds(user):
    """The kinds (news, case) whose index page this user may add pages under."""
    kinds = []
    for kind in KINDS:
        try:
            parent = find_parent(kind)
        except ArticleImportError:  # no index page of that kind on this site
            continue
        if parent.permissions_for_user(user).can_add_subpage():
            kinds.append(kind)
    return kinds


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_empty_file", True)  # the importer explains an empty file itself
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(sorted(SUPPORTED_SUFFIXES))}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleFileField, self).clean(item, initial) for item in files if item]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."))
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Upload at most %(n)d files at a time.") % {"n": MAX_FILES})
        for item in files:
            if Path(item.name).suffix.lower() not in SUPPORTED_SUFFIXES:
                raise forms.ValidationError(
                    _("“%(name)s” is not a supported file: use .txt, .md, .html, .docx or .pdf.") % {"name": item.name}
                )
            if item.size > MAX_BYTES:
                raise forms.ValidationError(_("“%(name)s” is larger than 50 MB.") % {"name": item.name})
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(label=_("Files"), help_text=_(".txt (UTF-8 or GBK), .md, .html, .docx, .pdf with text"))
    kind = forms.ChoiceField(label=_("Publish in"), choices=[("news", _("News")), ("case", _("Case study"))])

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, v) for k, v in self.fields["kind"].choices if k in kinds]


class ArticleForm(forms.Form):
    """One file's detected fields, which the editor may correct before importing."""

    include = forms.BooleanField(label=_("Import"), required=False, initial=True)
    title = forms.CharField(label=_("Title"), max_length=255)
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("Source"), max_length=100, required=False)
    author = forms.CharField(label=_("Author"), max_length=60, required=False)


ArticleFormSet = forms.formset_factory(ArticleForm, extra=0)


def upload(request):
    """Step 1: choose files and the section they go to."""
    kinds = importable_kinds(request.user)
    if not kinds:
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(16)
        folder = staging_root() / token
        folder.mkdir(parents=True, mode=0o700)
        for n, item in enumerate(form.cleaned_data["files"]):
            # The original name (for the editor) after a number that keeps two files of the same name apart.
            target = folder / f"{n:03d}-{Path(item.name).name}"
            with target.open("wb") as handle:
                for chunk in item.chunks():
                    handle.write(chunk)
        request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], token]
        return redirect("showcase_import:preview", token=token, kind=form.cleaned_data["kind"])
    return render(
        request,
        "showcase/admin/import_upload.html",
        {
            "form": form,
            "page_title": _("Import articles"),
            "header_title": _("Import articles"),
            "header_icon": "upload",
        },
    )


def staged_files(request, token):
    if token not in request.session.get(SESSION_KEY, []):
        raise Http404
    folder = staging_root() / token
    if not folder.is_dir():
        raise Http404
    return folder, sorted(folder.iterdir())


def display_name(path):
    return path.name.split("-", 1)[1]


def preview(request, token, kind):
    """Step 2: what was detected in each file, the lines dropped as site chrome; correct and import."""
    if kind not in importable_kinds(request.user):
        raise PermissionDenied
    folder, paths = staged_files(request, token)
    parsed = read_articles(paths)
    readable = [(path, article) for path, article in parsed if not isinstance(article, Exception)]
    initial = [
        {"title": a.title, "date": a.date, "source": a.source, "author": a.author, "include": bool(a.paragraphs())}
        for _path, a in readable
    ]
    formset = ArticleFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        results = import_checked(request, kind, readable, formset)
        shutil.rmtree(folder, ignore_errors=True)
        request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
        return render(
            request,
            "showcase/admin/import_done.html",
            {
                "results": results,
                "page_title": _("Import articles"),
                "header_title": _("Imported"),
                "header_icon": "upload",
            },
        )
    rows = [(form, display_name(path), article) for form, (path, article) in zip(formset.forms, readable, strict=True)]
    errors = [(display_name(path), str(error)) for path, error in parsed if isinstance(error, Exception)]
    return render(
        request,
        "showcase/admin/import_preview.html",
        {
            "formset": formset,
            "rows": rows,
            "errors": errors,
            "kind": kind,
            "page_title": _("Check the imported articles"),
            "header_title": _("Check the imported articles"),
            "header_icon": "upload",
        },
    )


def import_checked(request, kind, readable, formset):
    """Import the ticked files with the editor's corrections, as drafts submitted for moderation."""
    parent = find_parent(kind)
    results = []
    for form, (path, article) in zip(formset.forms, readable, strict=True):
        data = form.cleaned_data
        if not data.get("include"):
            continue
        for name in ("title", "date", "source", "author"):
            if data.get(name) != getattr(article, name):
                setattr(article, name, data.get(name) or ("" if name != "date" else None))
                article.found[name] = "corrected-by-editor"
        try:
            outcome = import_article(article, kind, parent, name=display_name(path), user=request.user)
        except Exception as exc:  # noqa: BLE001 - ArticleImportError and validation errors: report, go on
            messages.error(request, f"{display_name(path)}：{exc}")
            continue
        results.append(outcome)
    return results
