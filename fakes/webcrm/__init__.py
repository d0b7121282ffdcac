"""In-memory fake of webCRM's REST API v1 (decisions the spec leaves open: README.md here)."""

from __future__ import annotations

from fakes.webcrm.fake import BASE_URL, DEFAULT_AUTH_CODE, WebcrmFake

__all__ = ["BASE_URL", "DEFAULT_AUTH_CODE", "WebcrmFake"]
