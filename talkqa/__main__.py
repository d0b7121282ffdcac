"""Entry point for ``python -m talkqa``."""

from __future__ import annotations

import sys

from talkqa.cli import main

sys.exit(main())
