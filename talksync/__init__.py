"""talksync: the reference sync engine modelling Sesam Talk (the system under test).

Everyone builds engines through :func:`create_engine`, the one construction point; the
environment variable ``TALKQA_ENGINE=<module>:<callable>`` selects another implementation there
(see :mod:`talksync.factory`).
"""

from __future__ import annotations

from talksync.context import WRITE_BOUNDARIES, FlowCounts
from talksync.engine import CycleSummary, DeadLetter, Engine, EngineConfig, Settings
from talksync.errors import (
    ApiError,
    BadResponse,
    ConfigError,
    CredentialsRefused,
    SyncError,
    TransientFailure,
)
from talksync.factory import engine_factory


def create_engine(config: Settings) -> Engine:
    """Build the engine for ``config``: the reference, or the one ``TALKQA_ENGINE`` names."""
    return engine_factory()(config)  # type: ignore[no-any-return]


__all__ = [
    "WRITE_BOUNDARIES",
    "ApiError",
    "CredentialsRefused",
    "BadResponse",
    "ConfigError",
    "CycleSummary",
    "DeadLetter",
    "Engine",
    "EngineConfig",
    "FlowCounts",
    "Settings",
    "SyncError",
    "TransientFailure",
    "create_engine",
]
