"""A minimal webCRM client for the fake's tests: login, bearer header, calls against a base URL."""

from __future__ import annotations

from typing import Any

import requests

from fakes.webcrm import BASE_URL, DEFAULT_AUTH_CODE


class WebcrmClient:
    """Calls the fake through `requests` (in-process via responses, or served)."""

    def __init__(self, base_url: str = BASE_URL) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.session.trust_env = False
        self.token: dict[str, Any] = {}

    def login(self, auth_code: str = DEFAULT_AUTH_CODE) -> dict[str, Any]:
        response = self.session.post(f"{self.base_url}/Auth/ApiLogin", data={"authCode": auth_code})
        assert response.status_code == 200, response.text
        self.token = response.json()
        return self.token

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token['AccessToken']}")
        return self.session.request(method, self.base_url + path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)
