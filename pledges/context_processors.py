"""What every public page's template may name: the newsroom (readers see its name for reviews
and ratings, never an editor's login) and the data licence."""

from django.conf import settings

LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.sv"


def site(request):
    return {
        "NEWSROOM": settings.NEWSROOM_NAME,
        "LICENCE_NAME": LICENCE_NAME,
        "LICENCE_URL": LICENCE_URL,
    }
