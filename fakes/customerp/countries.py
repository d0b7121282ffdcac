"""ISO 3166-1 alpha-2 country codes (the officially assigned ones, from pycountry), for
address.country."""

from __future__ import annotations

import pycountry

ISO_3166_ALPHA2 = frozenset(country.alpha_2 for country in pycountry.countries)
