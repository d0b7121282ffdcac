"""FaultPlan: every action, times, matching, probability under a seed, commit-then-fail."""

from __future__ import annotations

import pytest
import requests
from customerp_client import CustomerpClient, error_of
from webcrm_client import WebcrmClient

from fakes import CustomerpFake, FakeClock, WebcrmFake
from fakes.core import FaultPlan, FaultRuleError


def test_a_status_fault_answers_that_status_once_without_running_the_handler(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add(
        {"method": "POST", "path": "/customers", "action": "status", "status": 503}
    )
    response = client.post("/customers", {"name": "A"})
    assert response.status_code == 503
    assert error_of(response)["code"] == "service_unavailable"
    assert customerp.records("customers") == []
    assert client.post("/customers", {"name": "A"}).status_code == 201


def test_a_throttle_fault_answers_429_with_retry_after(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add({"action": "throttle", "retry_after": 7})
    response = client.get("/customers")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "7"


def test_a_latency_fault_sleeps_then_answers_normally(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    slept: list[float] = []
    customerp.sleep = slept.append
    customerp.faults.add({"action": "latency", "seconds": 0.25})
    assert client.get("/customers").status_code == 200
    assert slept == [0.25]


def test_a_connection_error_fault_raises_connection_error_in_process(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add({"action": "connection_error"})
    with pytest.raises(requests.ConnectionError):
        client.get("/customers")
    [entry] = customerp.journal
    assert {k: entry[k] for k in ("method", "path", "status")} == {
        "method": "GET", "path": "/customers", "status": None,
    }  # fmt: skip


def test_a_timeout_fault_raises_read_timeout_in_process(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add({"action": "timeout"})
    with pytest.raises(requests.ReadTimeout):
        client.get("/customers")


def test_commit_then_fail_applies_the_write_and_answers_500(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add({"method": "POST", "path": "/customers", "action": "commit_then_fail"})
    response = client.post("/customers", {"name": "Committed"})
    assert response.status_code == 500
    assert [r["name"] for r in customerp.records("customers")] == ["Committed"]


def test_commit_then_fail_with_null_status_drops_the_connection_after_the_write(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    created = client.customer("Before")
    rule = {"path": "/customers/*", "action": "commit_then_fail", "status": None}
    customerp.faults.add(rule)
    with pytest.raises(requests.ConnectionError):
        client.put(f"/customers/{created['id']}", {"name": "After"})
    assert customerp.records("customers")[0]["name"] == "After"


def test_times_counts_down_and_null_means_forever(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add({"action": "status", "status": 502, "times": 2})
    assert [client.get("/customers").status_code for _ in range(3)] == [502, 502, 200]
    customerp.faults.add({"action": "status", "times": None})
    assert [client.get("/customers").status_code for _ in range(5)] == [500] * 5
    customerp.faults.clear()
    assert client.get("/customers").status_code == 200


def test_rules_match_method_and_fnmatch_path(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add({"method": "GET", "path": "/products*", "action": "status", "times": None})
    assert client.get("/customers").status_code == 200
    assert client.post("/products", {"sku": "S", "name": "N"}).status_code == 201
    assert client.get("/products").status_code == 500
    assert client.get("/products/900001").status_code == 500


def test_a_rule_for_another_service_is_ignored(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    customerp.faults.add({"service": "webcrm", "action": "status"})
    assert client.get("/customers").status_code == 200


def test_one_rule_list_posted_to_both_fakes_fires_only_where_its_service_matches(
    customerp: CustomerpFake, client: CustomerpClient, webcrm: WebcrmFake, api: WebcrmClient
) -> None:
    rules = [
        {"service": "customerp", "action": "status", "status": 502, "times": None},
        {"service": "webcrm", "method": "GET", "action": "status", "status": 503, "times": None},
    ]
    for fake in (customerp, webcrm):
        fake.faults.extend(rules)
    assert client.get("/customers").status_code == 502
    assert api.get("/Organisations").status_code == 503
    assert [r.as_dict()["service"] for r in webcrm.faults.rules] == ["customerp", "webcrm"]


def test_the_plan_seed_of_the_fake_decides_probabilities(clock: FakeClock) -> None:
    def fired(seed: int) -> list[bool]:
        fake = WebcrmFake(clock=clock, seed=seed)
        fake.faults.add({"action": "status", "times": None, "probability": 0.5})
        return [fake.faults.take("GET", "/Organisations") is not None for _ in range(40)]

    assert fired(5) == fired(5)
    assert fired(5) != fired(6)


def outcomes(seed: int, rule_seed: int | None = None, n: int = 40) -> list[bool]:
    plan = FaultPlan("customerp", seed=seed)
    rule = {"action": "status", "times": None, "probability": 0.5}
    if rule_seed is not None:
        rule["seed"] = rule_seed
    plan.add(rule)
    return [plan.take("GET", "/customers") is not None for _ in range(n)]


def test_probability_is_reproducible_under_the_plan_seed() -> None:
    first = outcomes(seed=7)
    assert first == outcomes(seed=7)
    assert 0 < sum(first) < len(first)
    assert first != outcomes(seed=8)


def test_a_rule_seed_overrides_the_plan_seed() -> None:
    assert outcomes(seed=1, rule_seed=99) == outcomes(seed=2, rule_seed=99)


def test_probability_zero_never_fires_and_one_always_fires() -> None:
    plan = FaultPlan("customerp")
    plan.add({"action": "status", "times": None, "probability": 0.0})
    assert plan.take("GET", "/x") is None
    plan.add({"action": "status", "times": None, "probability": 1.0})
    assert plan.take("GET", "/x") is not None


def test_probability_replays_identically_through_the_fake_after_reset(
    customerp: CustomerpFake, client: CustomerpClient
) -> None:
    def run() -> list[int]:
        customerp.reset()
        customerp.faults.add({"action": "status", "times": None, "probability": 0.3})
        return [client.get("/customers").status_code for _ in range(30)]

    first = run()
    assert first == run()
    assert {200, 500} == set(first)


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"action": "explode"}, "action"),
        ({"action": "status", "status": 200}, "status"),
        ({"action": "status", "times": 0}, "times"),
        ({"action": "status", "probability": 1.5}, "probability"),
        ({"action": "latency", "seconds": "slow"}, "seconds"),
        ({"action": "status", "colour": "red"}, "colour"),
        ({"action": "status", "seed": "x"}, "seed"),
        ({"action": "status", "service": 5}, "service"),
        ({"action": "status", "service": ""}, "service"),
        ({"action": "status", "method": ["GET"]}, "method"),
    ],
)
def test_a_bad_rule_is_refused_naming_its_key(rule: dict, field: str) -> None:
    with pytest.raises(FaultRuleError) as caught:
        FaultPlan().add(rule)
    assert caught.value.field == field


def test_a_bad_rule_in_a_batch_adds_none_of_the_batch() -> None:
    plan = FaultPlan()
    with pytest.raises(FaultRuleError) as caught:
        plan.extend([{"action": "status"}, {"action": "nope"}])
    assert caught.value.index == 1
    assert plan.rules == []
