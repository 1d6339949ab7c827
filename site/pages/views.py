"""Site search over guides and standard pages, in the visitor's language."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Page

from directory.lookups import locale_for

from .models import GuidePage, StandardPage
from .search_backend import search_backend


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    language = get_language()
    results = []
    if query:
        pages = Page.objects.live().public().filter(locale=locale_for(language)).type(GuidePage, StandardPage)
        results = [result.specific for result in search_backend(language).search(query, pages)[:20]]
    return render(request, "pages/search.html", {"query": query, "results": results})


