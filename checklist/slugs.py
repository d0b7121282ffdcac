"""Slugs for stable item ids: derived from document content, never from lines or dates."""

from __future__ import annotations

import re

_RUNS = re.compile(r"[^a-z0-9._]+")


def slug(text: str) -> str:
    """Lowercase; runs of characters outside [a-z0-9._] become ``-``; trimmed."""
    return _RUNS.sub("-", text.lower()).strip("-")


def system_slug(system: str) -> str:
    """A system name as one word: ``Business Central`` -> ``businesscentral``."""
    return re.sub(r"[^a-z0-9]", "", system.lower())


def document_slug(source_system: str, target_system: str) -> str:
    """``Customerp``, ``Webcrm`` -> ``customerp-webcrm``; a system the generator left empty
    is left out (``Asana to  Dataflow`` -> ``asana``)."""
    return "-".join(filter(None, (system_slug(source_system), system_slug(target_system))))


def flow_slug(source_type: str, target_type: str) -> str:
    """``Customers (organisation data)``, ``Organisations`` ->
    ``customers-organisation-data-organisations``."""
    return f"{slug(source_type)}-{slug(target_type)}"


def flow_id(document: str, flow: str) -> str:
    """The id of a flow: ``customerp-webcrm``, ``customer-organisations`` ->
    ``customerp-webcrm/customer-organisations``."""
    return f"{document}/{flow}"


def pair_slug(source: str, target: str) -> str:
    """``address.city``, ``OrganisationCity`` -> ``address.city--organisationcity``."""
    return f"{slug(source)}--{slug(target)}"
