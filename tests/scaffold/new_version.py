"""A new version of the official document, as the Talk generator might write it: three new
property rows and a merge block on the Customer flow; and a project copy to scaffold into."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = ROOT / "checklists" / "customerp-webcrm.rst"
PROJECT_PARTS = ("checklist", "checklists", "fakes", "features", "steps", "talkqa", "talksync")
ORGS = "customerp-webcrm/customer-organisations"

MERGE_BLOCK = """\
If a matching Webcrm Organisations already exists, the Customerp Customer will be merged with \
the existing one.
If no matching Webcrm Organisations is found, a new Webcrm Organisations will be created.

A Customerp Customer will merge with a Webcrm Organisations if one of the following property \
combinations match:

.. list-table::
   :header-rows: 1

   * - Customerp Customer Property
     - Webcrm Organisations Property
   * - vat_number
     - OrganisationVatNumber

"""
# email and customer_number are modelled by both fakes; Customerp has no fax.
NEW_ROWS = """\
   * - email
     - OrganisationExtraCustom1
     - "string"
   * - customer_number
     - OrganisationXText1
     - "string"
   * - fax
     - OrganisationFax
     - "string"
"""
NEW_ITEMS = (
    f"{ORGS}/merge-policy",
    f"{ORGS}/merge/vat_number--organisationvatnumber",
    f"{ORGS}/property/email--organisationextracustom1",
    f"{ORGS}/property/customer_number--organisationxtext1",
    f"{ORGS}/property/fax--organisationfax",
)

# A mutant engine that drops one of the new rows from its mapping.
MUTANT = '''\
"""The reference engine without the email -> OrganisationExtraCustom1 row."""
import dataclasses

from talksync.engine import Engine


def drop_email(config):
    engine = Engine(config)
    engine.flows = [
        dataclasses.replace(
            fm, properties=tuple(p for p in fm.properties if p.source != "email")
        )
        for fm in engine.flows
    ]
    return engine
'''


def new_version(text: str) -> str:
    """The official text with the merge block and the three rows added to the Customer flow."""
    statement = "Every Customerp Customer will be synchronized with a Webcrm Organisations.\n\n"
    header = "     - Webcrm Organisations Property\n     - Webcrm Data Type\n"
    assert text.count(statement) == 1 and text.count(header) == 1
    text = text.replace(statement, statement + MERGE_BLOCK)
    return text.replace(header, header + NEW_ROWS)


def project_copy(folder: Path, version: Callable[[str], str] | None = None) -> Path:
    """The parts of the project a features run needs, with the new official document."""
    for part in PROJECT_PARTS:
        shutil.copytree(
            ROOT / part, folder / part, ignore=shutil.ignore_patterns("__pycache__", "reports")
        )
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    shutil.copytree(ROOT / "tests" / "features_lint", folder / "tests" / "features_lint")
    official = folder / "checklists" / "customerp-webcrm.rst"
    official.write_text((version or new_version)(OFFICIAL.read_text(encoding="utf-8")))
    (folder / "mutant_drop_email.py").write_text(MUTANT, encoding="utf-8")
    return folder


LINK_REQUIRED_BLOCK = """\
Before any synchronization can take place, a link between a Customerp Customer and a Webcrm \
Organisations must be established.

A new Webcrm Organisations will be created from a Customerp Customer if it is connected to a \
Customerp Contact that is synchronized into Webcrm.

A Customerp Customer will merge with a Webcrm Organisations if one of the following property \
combinations match:

.. list-table::
   :header-rows: 1

   * - Customerp Customer Property
     - Webcrm Organisations Property
   * - vat_number
     - OrganisationVatNumber

"""

# An engine that ignores "link required" and the creation rule: it creates every Customer.
IGNORES_POLICIES = '''\
"""The reference engine, deaf to "link required" and "created if connected"."""
import dataclasses

from talksync.engine import Engine


def create_all(config):
    engine = Engine(config)
    engine.flows = [
        dataclasses.replace(fm, link_required=False, created_if_connected=())
        for fm in engine.flows
    ]
    return engine
'''


def link_required_version(text: str) -> str:
    """The Customer flow as businesscentral-tripletex writes its Items flow."""
    statement = "Every Customerp Customer will be synchronized with a Webcrm Organisations.\n\n"
    assert text.count(statement) == 1
    return text.replace(statement, LINK_REQUIRED_BLOCK)
