"""Collects the cross cutting features: pytest-bdd 9 does not collect .feature files."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios(".")
