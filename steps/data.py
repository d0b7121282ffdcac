"""Realistic Norwegian and Danish entities from faker, seeded per scenario so failures reproduce.

The seed is derived from the scenario's node id (stable across runs, serial or under xdist)
unless ``TALKQA_SEED`` is set; the locale alternates between Norwegian Bokmål (faker's
no_NO) and Danish (da_DK).
Every value fits both systems' maxLengths, so realistic data never dead-letters by accident.

faker has no ``nb_NO``; its ``no_NO`` gives Norwegian companies, names, streets, postcodes,
cities and phone numbers, but English job titles and Latin "lorem ipsum" words. For no_NO
the job titles and product words below fill that gap; da_DK has Danish ones of its own.
"""

from __future__ import annotations

import os
import zlib
from typing import Any

from faker import Faker

# Norwegian Bokmål (nb_NO) is faker's "no_NO" locale; faker has no "nb_NO".
LOCALES = ("no_NO", "da_DK")
COUNTRIES = {"no_NO": "NO", "da_DK": "DK"}
NORWEGIAN_TITLES = (
    "Daglig leder",
    "Økonomisjef",
    "Innkjøpsleder",
    "Salgssjef",
    "Regnskapsfører",
    "Prosjektleder",
    "Lagersjef",
    "Styreleder",
)
NORWEGIAN_PRODUCTS = ("Tørrfisk", "Brunost", "Ullgenser", "Kaffekjele", "Fiskeboller", "Lefse")
NORWEGIAN_QUALITIES = ("fra Lofoten", "økologisk", "håndlaget", "fra Røros", "i gaveeske")


def scenario_seed(nodeid: str) -> int:
    """``TALKQA_SEED`` if set, else a stable number derived from the scenario's node id."""
    forced = os.environ.get("TALKQA_SEED")
    if forced:
        return int(forced)
    return zlib.crc32(nodeid.encode("utf-8"))


class EntityData:
    """Entity field values for one scenario: ``EntityData(seed).customer()`` and friends."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.locale = LOCALES[seed % len(LOCALES)]
        self.faker = Faker(self.locale)
        self.faker.seed_instance(seed)
        self._serial = 0

    def __str__(self) -> str:
        return f"seed {self.seed} ({self.locale}); rerun with TALKQA_SEED={self.seed}"

    def _short(self, text: str, limit: int = 50) -> str:
        return text[:limit].strip()

    def customer(self) -> dict[str, Any]:
        f = self.faker
        return {
            "name": self._short(f.company(), 200),
            "email": self._short(f.company_email()),
            "phone": self._short(f.phone_number()),
            "vat_number": self._vat_number(),
            "website": self._short(f.url()),
            "address": {
                "street": self._short(f.street_address()),
                "city": self._short(f.city()),
                "postal_code": f.postcode(),
                "country": COUNTRIES[self.locale],
            },
        }

    def _vat_number(self) -> str:
        digits = self.faker.numerify("#########" if self.locale == "no_NO" else "########")
        return f"NO{digits}MVA" if self.locale == "no_NO" else f"DK{digits}"

    def contact(self, customer_id: int) -> dict[str, Any]:
        f = self.faker
        return {
            "customer_id": customer_id,
            "first_name": self._short(f.first_name()),
            "last_name": self._short(f.last_name()),
            "email": self._short(f.email()),
            "mobile_phone": self._short(f.phone_number()),
            "work_phone": self._short(f.phone_number()),
            "title": self._short(self._job()),
        }

    def product(self) -> dict[str, Any]:
        f = self.faker
        self._serial += 1
        price = round(f.pyfloat(min_value=10, max_value=5000, right_digits=2), 2)
        return {
            "sku": f"{f.bothify('??-####').upper()}-{self._serial}",
            "name": self._short(self._product_name(), 200),
            "description": self._description(),
            "unit_price": price,
            "cost_price": round(price * 0.6, 2),
            "stock_quantity": float(f.random_int(0, 500)),
            "vat_code": f.random_element(("25", "15", "12", "0")),
        }

    def _job(self) -> str:
        if self.locale == "no_NO":
            return str(self.faker.random_element(NORWEGIAN_TITLES))
        return str(self.faker.job())

    def _product_name(self) -> str:
        f = self.faker
        if self.locale == "no_NO":
            noun = f.random_element(NORWEGIAN_PRODUCTS)
            return f"{noun} {f.random_element(NORWEGIAN_QUALITIES)}"
        return f"{f.word().capitalize()} {f.word()}"

    def _description(self) -> str:
        f = self.faker
        if self.locale == "no_NO":
            return f"{self._product_name()}, {f.random_int(1, 5)} kg"
        return str(f.sentence(nb_words=8))

    def organisation(self) -> dict[str, Any]:
        c = self.customer()
        return {
            "OrganisationName": c["name"],
            "OrganisationTelephone": c["phone"],
            "OrganisationCity": c["address"]["city"],
            "OrganisationCountry": c["address"]["country"],
        }

    def person(self, organisation_id: int) -> dict[str, Any]:
        c = self.contact(0)
        return {
            "PersonOrganisationId": organisation_id,
            "PersonFirstName": c["first_name"],
            "PersonLastName": c["last_name"],
            "PersonEmail": c["email"],
        }

    def webcrm_product(self) -> dict[str, Any]:
        p = self.product()
        return {"ProductCombined": p["name"], "ProductPrice": p["unit_price"]}

    def text_of_length(self, length: int) -> str:
        """Local words (with æøå where the locale has them) cut to exactly ``length`` chars."""
        text = ""
        while len(text) < length:
            text += self.faker.city().replace(" ", "") + "æøå "
        return text[:length].replace(" ", "x")
