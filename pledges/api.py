"""The read-only JSON API: pledges (with the list page's filters) and one pledge, programs,
parties, municipalities, regions and areas, paginated with ``sida`` and ``per_sida``.

Built with django-ninja: each operation declares its parameters and its responses as types,
from which ninja checks the input and generates the OpenAPI description at ``/api/schema/``
(which the page ``/oppna-data/api/`` renders). The descriptions are Swedish message ids marked
with ``gettext_noop``: the schema stays Swedish, the page translates them under /en/."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from municipalities.models import Municipality, Region
from parties.models import Party

from .filters import MAX_RESULTS, SORTS, filtered
from .models import Pledge, PledgeKind, PledgeStatus, PolicyArea, Program, public_pledge_counts
from .paging import CountedPaginator
from .querystrings import without_empty
from .serialise import LICENCE, pledge_record

API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 200

# The API's error messages (also quoted on /oppna-data/api/).
NOT_INTEGERS = gettext_noop("sida och per_sida ska vara heltal.")
OUT_OF_RANGE = gettext_noop("sida ska vara minst 1 och per_sida mellan 1 och %(max)d.")
NO_SUCH_PAGE = gettext_noop("Sidan finns inte.")
NO_SUCH_PLEDGE = gettext_noop("Det finns inget offentligt löfte med id %(id)d.")


class SwedishJSON(JSONRenderer):
    """JSON with å, ä and ö as they are, not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class NonEmptyParser(Parser):
    """Query parameters without a value (``?kommun=&sida=``, as a form sends its empty fields)
    are left out, as if they had not been sent."""

    def parse_querydict(self, data, list_fields, request):
        return super().parse_querydict(without_empty(data), list_fields, request)


api = NinjaAPI(
    title="Vallöften API",
    version="1",
    description=gettext_noop(
        "Läs-API för Vallöften: vad partierna lovar, kommun för kommun och region för region. "
        "Alla svar är JSON. Listor delas upp i sidor med sida och per_sida. Data under "
        "CC BY 4.0; ange Vallöften som källa."
    ),
    openapi_url="/schema/",
    docs_url=None,  # no Swagger UI (it loads from a CDN): /oppna-data/api/ documents the API
    urls_namespace="api",
    renderer=SwedishJSON(),
    parser=NonEmptyParser(),
    openapi_extra={
        "info": {
            "license": {"name": LICENCE["namn"], "url": LICENCE["url"]},
            "contact": {"name": "Vallöften"},
        }
    },
)


# --- shapes -----------------------------------------------------------------------------------


class Licence(Schema):
    namn: str = Field(description=gettext_noop("Licensens namn"))
    url: str = Field(description=gettext_noop("Licenstexten"))
    erkannande: str = Field(description=gettext_noop("Vem som ska anges som källa"))


class Error(Schema):
    error: str = Field(description=gettext_noop("Vad som var fel, på svenska"))


class FilterErrors(Error):
    errors: dict[str, list[dict[str, str]]] = Field(
        description=gettext_noop("Per parameter: vad som inte förstods (message, code)")
    )


class Page(Schema):
    count: int = Field(description=gettext_noop("Antal träffar i hela urvalet"))
    next: str | None = Field(description=gettext_noop("Adressen till nästa sida, eller null"))
    previous: str | None = Field(
        description=gettext_noop("Adressen till föregående sida, eller null")
    )
    licens: Licence


EXAMPLE_PLEDGE = {
    "id": 1234,
    "text": "Införa ett program med karriärtjänster för socialsekreterare",
    "quote": "Införa ett program med karriärtjänster för socialsekreterare.",
    "page": None,
    "details": "",
    "kind": "list_item",
    "status": "imported",
    "party": "Moderaterna",
    "party_abbreviation": "M",
    "municipality": "Örebro",
    "municipality_code": "1880",
    "region": "",
    "region_code": "",
    "period": "2022–2026",
    "primary_area": "socialtjanst",
    "areas": ["socialtjanst"],
    "section": "Sociala insatser",
    "program": "orebro-moderaterna-sociala-insatser",
    "start": 812,
    "end": 872,
    "source_url": "https://www.moderaternaorebro.se/varpolitik/sociala-insatser/",
    "retrieved": "2025-01-15",
    "url": "https://valloften.se/loften/1234/",
}


class PledgeOut(Schema):
    """One public pledge (the same fields as the downloads, with English names and codes)."""

    model_config = {"json_schema_extra": {"example": EXAMPLE_PLEDGE}}

    id: int = Field(description=gettext_noop("Löftets id i Vallöften"))
    text: str = Field(description=gettext_noop("Löftet, som webbplatsen visar det"))
    quote: str = Field(description=gettext_noop("Källans ord, ordagrant (blanksteg normaliserade)"))
    page: int | None = Field(description=gettext_noop("Sidan i källdokumentet, null om okänd"))
    details: str = Field(description=gettext_noop("Detaljer (stycket under en rubrik)"))
    kind: PledgeKind = Field(description=gettext_noop("Typen av löfte"))
    status: PledgeStatus = Field(
        description=gettext_noop("Granskningen (imported, reviewed, published)")
    )
    party: str = Field(description=gettext_noop("Partiets namn"))
    party_abbreviation: str = Field(description=gettext_noop("Partiets förkortning"))
    municipality: str = Field(description=gettext_noop("Kommunens namn, tom för ett regionprogram"))
    municipality_code: str = Field(
        description=gettext_noop("SCB:s kommunkod, tom för ett regionprogram")
    )
    region: str = Field(description=gettext_noop("Regionens namn, tom för ett kommunprogram"))
    region_code: str = Field(description=gettext_noop("Regionens kod, tom för ett kommunprogram"))
    period: str = Field(description=gettext_noop("Mandatperiod, t.ex. 2022–2026, tom om okänd"))
    primary_area: str = Field(description=gettext_noop("Huvudområdets adressnamn"))
    areas: list[str] = Field(description=gettext_noop("Alla områdens adressnamn"))
    section: str = Field(description=gettext_noop("Avsnittet i programmet"))
    program: str = Field(description=gettext_noop("Programmets adressnamn"))
    start: int = Field(description=gettext_noop("Teckenposition där källan börjar i programtexten"))
    end: int = Field(description=gettext_noop("Teckenposition där källan slutar"))
    source_url: str = Field(description=gettext_noop("Programmets källadress"))
    retrieved: str = Field(description=gettext_noop("Datum då programmet hämtades, tomt om okänt"))
    url: str = Field(description=gettext_noop("Löftets sida i Vallöften"))


class PledgeDetail(PledgeOut):
    licens: Licence


class PledgePage(Page):
    results: list[PledgeOut]


class ProgramOut(Schema):
    slug: str = Field(description=gettext_noop("Programmets adressnamn"))
    title: str = Field(description=gettext_noop("Programmets titel"))
    party: str = Field(description=gettext_noop("Partiets förkortning"))
    municipality_code: str | None = Field(description=gettext_noop("Kommunkod, null för en region"))
    region_code: str | None = Field(description=gettext_noop("Regionkod, null för en kommun"))
    period: str | None = Field(description=gettext_noop("Mandatperiod, null om okänd"))
    source_url: str = Field(description=gettext_noop("Programmets källadress"))
    retrieved: str | None = Field(description=gettext_noop("Datum då programmet hämtades"))
    checksum: str = Field(description=gettext_noop("SHA-256 av programtexten"))
    pledge_count: int = Field(description=gettext_noop("Antal offentliga löften"))
    url: str = Field(description=gettext_noop("Programmets sida i Vallöften"))


class ProgramPage(Page):
    results: list[ProgramOut]


class PartyOut(Schema):
    abbreviation: str = Field(description=gettext_noop("Partiets förkortning"))
    slug: str = Field(description=gettext_noop("Partiets adressnamn (parti= i löftena)"))
    name: str = Field(description=gettext_noop("Partiets namn"))
    official_name: str = Field(description=gettext_noop("Det officiella namnet"))
    colour: str = Field(description=gettext_noop("Partiets färg"))
    local_to: str | None = Field(
        description=gettext_noop("Kod för kommunen eller regionen ett lokalt parti finns i")
    )


class PartyPage(Page):
    results: list[PartyOut]


class PlaceOut(Schema):
    code: str = Field(description=gettext_noop("Den officiella koden"))
    name: str = Field(description=gettext_noop("Namnet"))
    slug: str = Field(description=gettext_noop("Adressnamnet (kommun= eller region= i löftena)"))
    county_code: str = Field(description=gettext_noop("Länets kod"))
    county: str = Field(description=gettext_noop("Länets namn"))


class PlacePage(Page):
    results: list[PlaceOut]


class AreaOut(Schema):
    slug: str = Field(description=gettext_noop("Områdets adressnamn (omrade= i löftena)"))
    name: str = Field(description=gettext_noop("Namnet på svenska"))
    name_en: str = Field(description=gettext_noop("Namnet på engelska"))
    parent: str | None = Field(
        description=gettext_noop("Överområdets adressnamn, null för ett huvudområde")
    )
    cap_code: int | None = Field(description=gettext_noop("Kod i Comparative Agendas Project"))
    description: str = Field(description=gettext_noop("Vad området omfattar"))
    description_en: str = Field(description=gettext_noop("Vad området omfattar, på engelska"))


class AreaPage(Page):
    results: list[AreaOut]


class Paging(Schema):
    sida: int = Field(1, ge=1, description=gettext_noop("Sidnummer, från 1"))
    per_sida: int = Field(
        API_PAGE_SIZE,
        ge=1,
        le=API_MAX_PAGE_SIZE,
        description=gettext_noop("Antal per sida, högst 200"),
    )


class PledgeFilters(Schema):
    """The list page's filters (``pledges.filters.PledgeFilter`` checks the values)."""

    kommun: str | None = Field(None, description=gettext_noop("Kommunens adressnamn, t.ex. orebro"))
    region: str | None = Field(
        None, description=gettext_noop("Regionens adressnamn, t.ex. region-orebro-lan")
    )
    parti: str | None = Field(None, description=gettext_noop("Partiets adressnamn, t.ex. m"))
    omrade: str | None = Field(
        None, description=gettext_noop("Områdets adressnamn, t.ex. vald (med dess underområden)")
    )
    period: str | None = Field(
        None, description=gettext_noop("Mandatperiodens första år, t.ex. 2022")
    )
    typ: str | None = Field(
        None,
        description=gettext_noop("Typen av löfte"),
        json_schema_extra={"enum": list(PledgeKind.values)},
    )
    q: str | None = Field(None, description=gettext_noop("Sökord (svensk ordstam, början av ord)"))
    ordning: str | None = Field(
        None,
        description=gettext_noop("Sortering; relevans kräver q"),
        json_schema_extra={"enum": list(SORTS)},
    )


# --- errors -----------------------------------------------------------------------------------


@api.exception_handler(ValidationError)
def bad_parameter(request, exc):
    """A parameter ninja could not read (only sida and per_sida are typed): a 400 saying what
    is allowed, in the API's error shape."""
    if any(e.get("type", "").startswith("int_") for e in exc.errors):
        message = _(NOT_INTEGERS)
    else:
        message = _(OUT_OF_RANGE) % {"max": API_MAX_PAGE_SIZE}
    return api.create_response(request, {"error": message}, status=400)


@api.exception_handler(Exception)
def server_error(request, exc):
    """Anything else is the site's: a Swedish 500, or 503 while the database is away."""
    raise exc


# --- operations -------------------------------------------------------------------------------


def _page(request, paging: Paging, queryset, serialize, selection=None):
    """A page of ``queryset``; ``selection``: the pledge filter set that chose it (its count
    and its first ids kept in the cache)."""
    size = paging.per_sida
    count = None
    if selection is None:
        paginator = Paginator(queryset, size)
    else:
        count = selection.count()
        paginator = CountedPaginator(queryset, size, min(count, MAX_RESULTS), selection.first_ids)
    number = paging.sida
    if number > max(1, paginator.num_pages):
        error = _(NO_SUCH_PAGE)
        if count is not None and count > MAX_RESULTS:
            error += " " + _(
                "API:t bläddrar genom de första %(max)d; filtrera, eller hämta allt med "
                "exporten (/loften/export.json)."
            ) % {"max": MAX_RESULTS}
        return Status(404, {"error": error})
    page = paginator.page(number)

    def link(n):
        params = without_empty(request.GET)
        params["sida"] = n
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return Status(
        200,
        {
            "count": paginator.count if count is None else count,
            "next": link(number + 1) if page.has_next() else None,
            "previous": link(number - 1) if page.has_previous() else None,
            "licens": LICENCE,
            "results": [serialize(obj) for obj in page.object_list],
        },
    )


ENDPOINTS = ["pledges", "programs", "parties", "municipalities", "regions", "areas"]


@api.get(
    "/",
    url_name="index",
    response=dict[str, str],
    summary=gettext_noop("Ingången"),
    description=gettext_noop("Adresserna till listorna."),
)
def index(request):
    return {n: request.build_absolute_uri(reverse(f"api:{n}")) for n in ENDPOINTS}


@api.get(
    "/loften/",
    url_name="pledges",
    response={200: PledgePage, 400: FilterErrors | Error, 404: Error},
    summary=gettext_noop("Löften"),
    description=gettext_noop(
        "De offentliga löftena, med listsidans filter. Utan filter: efter kommun, parti och "
        "ordningen i programmet. API:t bläddrar genom de första 10 000 i ett urval; hela "
        "urvalet finns i nedladdningarna."
    ),
)
def pledges(request, paging: Query[Paging], filters: Query[PledgeFilters]):
    data = QueryDict(mutable=True)
    data.update(filters.model_dump(exclude_none=True))
    filterset, qs = filtered(request, data)
    if filterset.invalid_params():
        names = ", ".join(filterset.invalid_params())
        return Status(
            400,
            {
                "error": _("Okända filtervärden: %(names)s.") % {"names": names},
                "errors": filterset.form.errors.get_json_data(),
            },
        )
    return _page(request, paging, qs.with_areas(), lambda p: pledge_record(p, request), filterset)


@api.get(
    "/loften/{int:pledge_id}/",
    url_name="pledge",
    response={200: PledgeDetail, 404: Error},
    summary=gettext_noop("Ett löfte"),
    description=gettext_noop(
        "Ett offentligt löfte. Ett löfte som inte finns eller inte är offentligt: 404."
    ),
)
def pledge(request, pledge_id: int):
    found = Pledge.objects.public().for_listing().with_areas().filter(pk=pledge_id).first()
    if found is None:
        return Status(404, {"error": _(NO_SUCH_PLEDGE) % {"id": pledge_id}})
    return Status(200, {**pledge_record(found, request), "licens": LICENCE})


@api.get(
    "/program/",
    url_name="programs",
    response={200: ProgramPage, 400: Error, 404: Error},
    summary=gettext_noop("Program"),
    description=gettext_noop("Alla program, med antalet offentliga löften i varje."),
)
def programs(request, paging: Query[Paging]):
    qs = (
        Program.objects.select_related("party", "municipality", "region")
        .defer("original_text")
        .order_by("slug")
    )
    counts = public_pledge_counts()
    return _page(
        request,
        paging,
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


@api.get(
    "/partier/",
    url_name="parties",
    response={200: PartyPage, 400: Error, 404: Error},
    summary=gettext_noop("Partier"),
    description=gettext_noop("Riksdagspartierna och de lokala partierna."),
)
def parties(request, paging: Query[Paging]):
    return _page(
        request,
        paging,
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


@api.get(
    "/kommuner/",
    url_name="municipalities",
    response={200: PlacePage, 400: Error, 404: Error},
    summary=gettext_noop("Kommuner"),
    description=gettext_noop("Sveriges 290 kommuner, med eller utan program."),
)
def municipalities(request, paging: Query[Paging]):
    return _page(
        request, paging, Municipality.objects.select_related("county").order_by("code"), _place
    )


@api.get(
    "/regioner/",
    url_name="regions",
    response={200: PlacePage, 400: Error, 404: Error},
    summary=gettext_noop("Regioner"),
    description=gettext_noop("Sveriges 21 regioner."),
)
def regions(request, paging: Query[Paging]):
    return _page(request, paging, Region.objects.select_related("county").order_by("code"), _place)


@api.get(
    "/omraden/",
    url_name="areas",
    response={200: AreaPage, 400: Error, 404: Error},
    summary=gettext_noop("Områden"),
    description=gettext_noop("Politikområdena: huvudområden och underområden, med kod i CAP."),
)
def areas(request, paging: Query[Paging]):
    return _page(
        request,
        paging,
        PolicyArea.objects.select_related("parent").order_by("order"),
        lambda a: {
            "slug": a.slug,
            "name": a.name,
            "name_en": a.name_en,
            "parent": a.parent.slug if a.parent else None,
            "cap_code": a.cap_code,
            "description": a.description,
            "description_en": a.description_en,
        },
    )
