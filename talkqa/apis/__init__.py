"""The harness's one client per API, for everything that is not the engine under test: steps
in live mode, the served fakes' control plane and the benchmarks' naive strategy. The engine
(talksync/clients) keeps its own clients: it is judged by these, and shares no code with them.
"""

from __future__ import annotations

from talkqa.apis.control import RemoteClock, RemoteFake, RemoteFaults
from talkqa.apis.customerp import CustomerpApi
from talkqa.apis.http import RETRY, ApiError, HttpApi, RetryPolicy
from talkqa.apis.webcrm import WebcrmApi

__all__ = [
    "RETRY",
    "ApiError",
    "CustomerpApi",
    "HttpApi",
    "RemoteClock",
    "RemoteFake",
    "RemoteFaults",
    "RetryPolicy",
    "WebcrmApi",
]
