from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    """Bringing programs in: reading PDF, HTML, DOCX and text, fetching addresses, and the
    background import an editor starts in the admin or `import_sources` starts in bulk."""

    name = "sources"
    verbose_name = _("Inläsning av program")
