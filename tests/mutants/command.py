"""A mutant of the catalogue as an engine command: ``python -m tests.mutants.command NAME``.

One run is one sync cycle as docs/engine-protocol.md says (settings from the protocol's
environment variables, the JSON summary on the last line): ``talkqa sync --engine-protocol``
with ``TALKQA_ENGINE`` naming the mutant's factory. Run it from the repository root (or with
the root on ``PYTHONPATH``), e.g. ``--engine-command "python -m tests.mutants.command echo-loop"``.
"""

from __future__ import annotations

import os
import sys

from tests.mutants.catalogue import MUTANTS


def main(argv: list[str]) -> int:
    names = {m.name: m for m in MUTANTS}
    if len(argv) != 1 or argv[0] not in names:
        print(f"usage: python -m tests.mutants.command {{{'|'.join(names)}}}", file=sys.stderr)
        return 2
    os.environ["TALKQA_ENGINE"] = names[argv[0]].spec
    from talkqa.cli import main as talkqa

    return talkqa(["sync", "--engine-protocol"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
