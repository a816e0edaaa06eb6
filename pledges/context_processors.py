"""What every public page's template may name: the newsroom (readers see its name for reviews
and ratings, never an editor's login) and the data's licence."""

from django.conf import settings

from .serialise import LICENCE


def site(request):
    return {"NEWSROOM": settings.NEWSROOM_NAME, "LICENCE": LICENCE}
