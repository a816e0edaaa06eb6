from django.views.generic import ListView

from .models import Pledge


class PledgeIndexView(ListView):
    """Every public pledge, grouped by municipality and party."""

    template_name = "pledges/index.html"
    context_object_name = "pledges"

    def get_queryset(self):
        return (
            Pledge.objects.public()
            .select_related("program__party", "program__municipality", "primary_area")
            .order_by(
                "program__municipality__name", "program__party__order", "program__title", "order"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["program_count"] = len({p.program_id for p in context["pledges"]})
        return context
