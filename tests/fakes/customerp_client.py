"""A minimal Customerp client for the fake's tests: bearer key, JSON calls against an API root."""

from __future__ import annotations

from typing import Any

import requests

from fakes.customerp import DEFAULT_API_KEY, DEFAULT_BASE_URL


class CustomerpClient:
    """Calls the fake through `requests` (in-process via responses, or served)."""

    def __init__(self, base_url: str = DEFAULT_BASE_URL, api_key: str = DEFAULT_API_KEY) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers["Authorization"] = f"Bearer {api_key}"

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, self.base_url + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.call("POST", path, json=body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.call("PUT", path, json=body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.call("DELETE", path, **kwargs)

    def created(self, collection: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST that must succeed; the created record."""
        response = self.post(f"/{collection}", body)
        assert response.status_code == 201, response.text
        return response.json()

    def customer(self, name: str = "Acme AS", **fields: Any) -> dict[str, Any]:
        return self.created("customers", {"name": name, **fields})


def error_of(response: requests.Response) -> dict[str, Any]:
    """The ``error`` object of a Customerp error answer."""
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]
