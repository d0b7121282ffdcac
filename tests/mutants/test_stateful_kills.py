"""The stateful sync test (tests/stateful) catches the engine bugs it was extended for, at the
default ``dev`` profile: a create resent after a commit-then-fail (a duplicate), and prices
and quantities sent to webCRM as strings. Slow (one stateful run per mutant): ``campaign``."""

from __future__ import annotations

import re

import pytest
from campaign import run_stateful
from catalogue import by_name

# mutant -> what the stateful test's failure says
CAUGHT = {
    "duplicate-on-retry": r"webcrm (Organisations|Persons|Products): \d+ records, not \d+",
    # webCRM refuses a string where a number is due: the product is not created, or not updated
    "float-as-string": r"products \d+ not linked|webCRM holds \{'name'.*'stock_quantity'",
}


@pytest.mark.campaign
@pytest.mark.parametrize("name", CAUGHT)
def test_the_stateful_test_fails_against_the_mutant(name):
    mutant = by_name(name)
    done = run_stateful(mutant.spec, "dev")
    output = done.stdout + done.stderr
    assert done.returncode == 1, f"{name} ({mutant.bug}) survived the stateful test:\n{output}"
    assert re.search(CAUGHT[name], output), output[-3000:]
