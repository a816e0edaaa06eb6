"""The public site's pledge pages, one module per family; ``pledges/urls.py`` maps them.

- ``browse``: the home page, the pledge list, one pledge, one program, one policy area.
- ``compare``: programs side by side (and its embed), and how alike a place's programs are.
- ``exports``: the CSV and JSON downloads and the open-data page that describes them.

The party page lives in ``parties/views.py``; the municipality and region pages in
``municipalities/views.py``. What the API shares with these pages lives outside any views
module: queryset methods in ``models.py``, ``filters.filtered``, ``serialise`` and
``comparison``.
"""
