"""Wires the shared step vocabulary (steps/) and the hypothesis profiles into features/.

The step definitions live in ``steps``; importing them here makes them visible to every
feature module below this folder. The ``@checklist:<item id>`` tags are mapped to the
``checklist`` marker by the talkqa pytest plugin.
"""

from __future__ import annotations

from steps import profiles
from steps.fixtures import *  # noqa: F403
from steps.given import *  # noqa: F403
from steps.then import *  # noqa: F403
from steps.when import *  # noqa: F403

profiles.register()
