"""The read-only JSON API: pledges (with the list page's filters), programs, parties,
municipalities, regions and areas, paginated with ``sida`` and ``per_sida``."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from municipalities.models import Municipality, Region
from parties.models import Party

from .filters import MAX_RESULTS, CountedPaginator, filtered
from .models import PolicyArea, Program, public_pledge_counts
from .serialise import pledge_record

API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 200


def _page(request, queryset, serialize, count: int | None = None):
    try:
        number = int(request.GET.get("sida", "1"))
        size = int(request.GET.get("per_sida", str(API_PAGE_SIZE)))
    except ValueError:
        return JsonResponse({"error": _("sida och per_sida ska vara heltal.")}, status=400)
    if number < 1 or not 1 <= size <= API_MAX_PAGE_SIZE:
        return JsonResponse(
            {
                "error": _("sida ska vara minst 1 och per_sida mellan 1 och %(max)d.")
                % {"max": API_MAX_PAGE_SIZE}
            },
            status=400,
        )
    if count is None:
        paginator = Paginator(queryset, size)
    else:
        paginator = CountedPaginator(queryset, size, min(count, MAX_RESULTS))
    if number > max(1, paginator.num_pages):
        error = _("Sidan finns inte.")
        if count is not None and count > MAX_RESULTS:
            error += " " + _(
                "API:t bläddrar genom de första %(max)d; filtrera, eller hämta allt med "
                "exporten (/loften/export.json)."
            ) % {"max": MAX_RESULTS}
        return JsonResponse({"error": error}, status=404)
    page = paginator.page(number)

    def link(n):
        params = request.GET.copy()
        params["sida"] = n
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return JsonResponse(
        {
            "count": paginator.count if count is None else count,
            "next": link(number + 1) if page.has_next() else None,
            "previous": link(number - 1) if page.has_previous() else None,
            "results": [serialize(obj) for obj in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def api_index(request):
    names = ["pledges", "programs", "parties", "municipalities", "regions", "areas"]
    return JsonResponse(
        {n: request.build_absolute_uri(reverse(f"api:{n}")) for n in names},
        json_dumps_params={"ensure_ascii": False},
    )


def api_pledges(request):
    filterset, qs = filtered(request)
    if filterset.invalid_params():
        return JsonResponse({"errors": filterset.form.errors.get_json_data()}, status=400)
    return _page(request, qs.with_areas(), lambda p: pledge_record(p, request), filterset.count())


def api_programs(request):
    qs = (
        Program.objects.select_related("party", "municipality", "region")
        .defer("original_text")
        .order_by("slug")
    )
    counts = public_pledge_counts()
    return _page(
        request,
        qs,
        lambda p: {
            "slug": p.slug,
            "title": p.title,
            "party": p.party.abbreviation,
            "municipality_code": p.municipality.code if p.municipality else None,
            "region_code": p.region.code if p.region else None,
            "period": p.period,
            "source_url": p.source_url,
            "retrieved": p.retrieved.isoformat() if p.retrieved else None,
            "checksum": p.checksum,
            "pledge_count": counts.get(p.pk, 0),
            "url": request.build_absolute_uri(reverse("pledges:program", args=[p.slug])),
        },
    )


def api_parties(request):
    return _page(
        request,
        Party.objects.select_related("municipality", "region").order_by("order", "name"),
        lambda p: {
            "abbreviation": p.abbreviation,
            "slug": p.slug,
            "name": p.name,
            "official_name": p.official_name,
            "colour": p.colour,
            "local_to": p.local_to.code if p.local_to else None,
        },
    )


def _place(place) -> dict:
    """A municipality or a region, with its county."""
    return {
        "code": place.code,
        "name": place.name,
        "slug": place.slug,
        "county_code": place.county.code,
        "county": place.county.name,
    }


def api_municipalities(request):
    return _page(request, Municipality.objects.select_related("county").order_by("code"), _place)


def api_regions(request):
    return _page(request, Region.objects.select_related("county").order_by("code"), _place)


def api_areas(request):
    return _page(
        request,
        PolicyArea.objects.select_related("parent").order_by("order"),
        lambda a: {
            "slug": a.slug,
            "name": a.name,
            "name_en": a.name_en,
            "parent": a.parent.slug if a.parent else None,
            "cap_code": a.cap_code,
            "description": a.description,
        },
    )
