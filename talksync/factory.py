"""Selects the engine implementation: ``TALKQA_ENGINE=<module>:<callable>`` names another factory.

Every caller builds engines through :func:`talksync.create_engine`, which asks this module for
the factory in force: the reference :class:`~talksync.engine.Engine` by default, or the callable
named by the environment variable (an external engine, or a deliberately broken one from the
mutant catalogue). The callable takes an :class:`~talksync.engine.EngineConfig` and returns an
object with the engine's public API.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any

from talksync.engine import Engine, Settings
from talksync.errors import ConfigError

ENV = "TALKQA_ENGINE"
REFERENCE = "talksync:create_engine"

Factory = Callable[[Settings], Any]


def engine_factory() -> Factory:
    """The factory named by ``TALKQA_ENGINE`` (unset, empty or the default: the reference)."""
    spec = os.environ.get(ENV, "").strip()
    if not spec or spec == REFERENCE:
        return Engine
    module_name, sep, name = spec.partition(":")
    if not sep or not module_name or not name:
        raise ConfigError(f"{ENV}: expected <module>:<callable>, got {spec!r}")
    try:
        factory = getattr(importlib.import_module(module_name), name)
    except ImportError as exc:
        raise ConfigError(f"{ENV}: cannot import {module_name!r}: {exc}") from None
    except AttributeError:
        raise ConfigError(f"{ENV}: module {module_name!r} has no {name!r}") from None
    if not callable(factory):
        raise ConfigError(f"{ENV}: {spec!r} is not callable")
    return factory  # type: ignore[no-any-return]
