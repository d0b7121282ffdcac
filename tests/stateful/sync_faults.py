"""The faults the stateful machine injects (transient: a cycle must ride them out) and what the
fakes' journals say about a cycle: its record writes and the answers that were faults."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

FAULT_STATUS = st.sampled_from([500, 502, 503])
WEBCRM_COLLECTIONS = ("/Organisations", "/Persons", "/Products")
# Every method that writes: a correct engine may create with POST or a bulk PATCH and update
# with PUT or PATCH, so commit-then-fail is injected on all of them, never on one path.
WRITE_METHODS = ("POST", "PUT", "PATCH")


def commit_then_fail(method: str, path: str, status: int | None) -> dict[str, Any]:
    """The write is applied, then the answer is ``status`` (None: the connection drops)."""
    return {"method": method, "path": path, "action": "commit_then_fail", "status": status}


def fault_rules() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """Transient faults the engine must ride out within one cycle: (system, fault rule)."""
    webcrm_paths = st.sampled_from(["*", "*", "/Queries*", *(f"{c}*" for c in WEBCRM_COLLECTIONS)])
    throttle = st.builds(
        lambda path, after, times: {
            "path": path, "action": "throttle", "retry_after": after, "times": times},
        webcrm_paths, st.integers(1, 30), st.integers(1, 4),
    )  # fmt: skip
    status = st.builds(
        lambda method, path, code, times: {
            "method": method, "path": path, "action": "status", "status": code, "times": times},
        st.sampled_from(["*", "*", "GET", "PATCH"]), webcrm_paths, FAULT_STATUS, st.integers(1, 3),
    )  # fmt: skip
    commit = st.builds(
        commit_then_fail,
        st.sampled_from(WRITE_METHODS), st.sampled_from([f"{c}*" for c in WEBCRM_COLLECTIONS]),
        st.sampled_from([500, None]),
    )  # fmt: skip
    customerp = st.builds(
        lambda method, code, times: {
            "method": method, "path": "*", "action": "status", "status": code, "times": times},
        st.sampled_from(["*", "GET", "PUT"]), FAULT_STATUS, st.integers(1, 3),
    )  # fmt: skip
    customerp_commit = st.builds(
        commit_then_fail,
        st.sampled_from(WRITE_METHODS), st.sampled_from(["/c*", "/products*"]), st.just(500),
    )  # fmt: skip
    return st.one_of(
        st.tuples(st.just("webcrm"), st.one_of(throttle, status, commit)),
        st.tuples(st.just("customerp"), st.one_of(customerp, customerp_commit)),
    )


def writes(fake: Any) -> list[dict[str, Any]]:
    """Record writes in a fake's journal (logins aside)."""
    return [
        j
        for j in fake.journal
        if j["method"] in ("POST", "PUT", "PATCH", "DELETE") and "/Auth/" not in j["path"]
    ]


def faulted(entry: dict[str, Any]) -> bool:
    """A journal entry of an injected fault: throttled, 5xx, or a dropped connection."""
    return entry["status"] is None or entry["status"] == 429 or entry["status"] >= 500
