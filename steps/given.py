"""Given steps: entities created as a person would in each system's UI, edits, faults, toggles."""

from __future__ import annotations

from checklist.systems import SOURCE, TARGET, counterpart
from steps.generated import Generated
from steps.mirror import synchronized
from steps.scene import Scene
from steps.systems import field_type, kind, max_length
from steps.vocabulary import (
    ALIAS,
    CONTROL_PLANE,
    FRESH_SYSTEMS,
    PROPERTY,
    SYSTEM,
    TOGGLES,
    VALUE,
    Need,
    given,
)

FAULTS = Need(CONTROL_PLANE, "fault injection")
FAKE_CLOCK = Need(CONTROL_PLANE, "the fake clock")

# "writes" and "a write" mean every method that writes (the engine picks POST, PUT or PATCH).
METHOD = r"(?P<method>GET|POST|PUT|PATCH|DELETE|requests|writes|a write) to"
PATH = r"(?P<path>/\S*)"
METHODS = {
    "requests": ("*",),
    "writes": ("POST", "PUT", "PATCH"),
    "a write": ("POST", "PUT", "PATCH"),
}


def fault(verb: str, then: str) -> str:
    """A fault step's pattern: ``<system> <verb> <method> to <path> <then>``."""
    return SYSTEM + f" {verb} " + METHOD + " " + PATH + " " + then


def add_fault(scene: Scene, system: str, method: str, rule: dict[str, object]) -> None:
    """One FaultPlan rule per HTTP method the words stand for."""
    for verb in METHODS.get(method, (method,)):
        scene.fake(system).faults.add({**rule, "method": verb})


OWNER = r'(?: of Customer "(?P<customer>[^"]+)")?'


@given(r"a Customerp (?P<name>Customer|Product|Contact) " + ALIAS + OWNER)
def a_customerp_entity(scene: Scene, name: str, alias: str, customer: str | None) -> None:
    """An entity created in Customerp's UI with realistic faker data (a Contact of a Customer)."""
    k = kind(SOURCE, name)
    if (name == "Contact") != (customer is not None):
        raise scene.error(
            f"a Customerp {name} {'needs' if customer is None else 'has no'} "
            'a Customer: write \'a Customerp Contact "<alias>" of Customer "<c>"\''
        )
    if customer is not None:
        fields = scene.data.contact(scene.entity(customer).id)
    else:
        fields = scene.data.customer() if name == "Customer" else scene.data.product()
    scene.create(k, alias, fields, owner=customer)


@given(r"(?P<count>\d+) Customerp (?P<name>Customer|Product|Contact)s" + OWNER)
def customerp_entities(scene: Scene, count: str, name: str, customer: str | None) -> None:
    """Several entities (aliases "<name> 1" .. "<name> n"), Contacts of one Customer."""
    for n in range(1, int(count) + 1):
        a_customerp_entity(scene, name, f"{name} {n}", customer)


@given(r"a Webcrm (?P<name>Organisation|Product) " + ALIAS)
def a_webcrm_entity(scene: Scene, name: str, alias: str) -> None:
    """An Organisation or Product created in webCRM's UI, with realistic faker data."""
    fields = scene.data.organisation() if name == "Organisation" else scene.data.webcrm_product()
    scene.create(kind(TARGET, name), alias, fields)


@given(r"the engine has synchronized both systems")
def engine_has_synchronized(scene: Scene) -> None:
    """Cycles ran until the engine was quiet; journals cleared, links remembered."""
    if scene.external:
        synchronized(scene)
    else:
        scene.run_cycle()
        scene.synchronize()
    scene.clear_journals()
    scene.remembered_links = {
        alias: scene.id_in(alias, TARGET if e.kind.system == SOURCE else SOURCE)
        for alias, e in scene.entities.items()
    }


@given(ALIAS + r" was edited in " + SYSTEM + r": " + PROPERTY + r" = " + VALUE)
def edited(scene: Scene, alias: str, system: str, property: str, value: str) -> None:
    """A person changes one property in that system's UI (the value must really change)."""
    scene.edit(alias, system, property, scene.typed(alias, system, property, value))


@given(ALIAS + r" was edited in " + SYSTEM + r": " + PROPERTY + r" emptied")
def emptied(scene: Scene, alias: str, system: str, property: str) -> None:
    """A person clears one property in that system's UI."""
    k = scene.kind_in(alias, system)
    kind_ = field_type(system, k.collection, property)
    scene.edit(alias, system, property, "" if kind_ == "string" and system == TARGET else None)


@given(ALIAS + r" was edited in " + SYSTEM + r": " + PROPERTY + r" of (?P<length>\d+) characters")
def edited_to_length(scene: Scene, alias: str, system: str, property: str, length: str) -> None:
    """A person types a value of exactly that many characters (maxLength boundaries)."""
    k = scene.kind_in(alias, system)
    limit = max_length(system, k.collection, property)
    if limit is not None and int(length) > limit:
        raise scene.error(f"{system} itself refuses {property} over {limit} characters")
    scene.edit(alias, system, property, scene.data.text_of_length(int(length)))
    if scene.refused_by_counterpart(alias, system, property, int(length)):
        scene.unsyncable.add(alias)


@given(ALIAS + r" was deleted in " + SYSTEM)
def deleted(scene: Scene, alias: str, system: str) -> None:
    """A person deletes the entity (or its linked counterpart) in that system's UI."""
    scene.delete(alias, system)


@given(fault("answers", r"with (?P<status>\d{3}) (?P<times>\d+) times?"), need=FAULTS)
def answers_with_status(
    scene: Scene, system: str, method: str, path: str, status: str, times: str
) -> None:
    """Fault: the next matching requests get that HTTP status."""
    rule = {"path": path, "action": "status", "status": int(status), "times": int(times)}
    add_fault(scene, system, method, rule)


@given(
    fault("throttles", r"with Retry-After (?P<seconds>\d+) seconds (?P<times>\d+) times?"),
    need=FAULTS,
)
def throttles(scene: Scene, system: str, method: str, path: str, seconds: str, times: str) -> None:
    """Fault: a storm of 429 answers carrying ``Retry-After``."""
    rule = {"path": path, "action": "throttle", "retry_after": int(seconds), "times": int(times)}
    add_fault(scene, system, method, rule)


@given(
    fault("commits", r"then (?:fails with (?P<status>\d{3})|(?P<drop>drops the connection))"),
    need=FAULTS,
)
def commits_then_fails(
    scene: Scene, system: str, method: str, path: str, status: str | None, drop: str | None
) -> None:
    """Fault: the write happens, but the client sees an error or a dropped connection."""
    rule = {"path": path, "action": "commit_then_fail", "times": 1}
    add_fault(scene, system, method, {**rule, "status": None if drop else int(status or 500)})


@given(r"(?P<amount>\d+) (?P<unit>second|minute|hour|day)s? pass(?:es)?", need=FAKE_CLOCK)
def time_passes(scene: Scene, amount: str, unit: str) -> None:
    """The shared clock of both systems and the engine moves on."""
    seconds = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}[unit]
    scene.clock.advance(int(amount) * seconds)


@given(r"the Webcrm access token has expired", need=FAKE_CLOCK)
def webcrm_token_expired(scene: Scene) -> None:
    """An hour and a second pass: every webCRM access token issued so far has expired."""
    scene.clock.advance(3601)


@given(r"every Webcrm access token expires after its first request", need=FAULTS)
def webcrm_tokens_expire_after_one_request(scene: Scene) -> None:
    """A cycle outlives its token at every step: each access token expires once webCRM has
    answered one request with it (a running engine, or a new run of a command, meets it)."""
    scene.fake("webcrm").faults.add({"action": "expire_token", "times": None})


@given(r"Share Enabled is off for " + SYSTEM, need=Need(TOGGLES, "Talk's Share Enabled toggle"))
def share_disabled(scene: Scene, system: str) -> None:
    """Talk's per-system toggle: nothing may be written into that system."""
    scene.share_enabled[system.lower()] = False
    scene.reconfigure()


@given(r"Full Sync is off", need=Need(TOGGLES, "Talk's Full Sync toggle"))
def full_sync_off(scene: Scene) -> None:
    """Talk's toggle: only data created after onboarding propagates."""
    scene.full_sync = False
    scene.reconfigure()


@given(
    r"Customerp (?P<names>Customers|Contacts|Products) generated from the Customerp schema",
    target_fixture="generated",
    need=FRESH_SYSTEMS,
)
def generated_in_customerp(names: str) -> Generated:
    """Entities generated from Customerp's schema and the checklist rows (created per example)."""
    return Generated(kind(SOURCE, names[:-1]), SOURCE)


@given(
    r"edits of Webcrm (?P<names>Organisations|Persons|Products) generated from the Webcrm "
    r"schema",
    target_fixture="generated",
    need=FRESH_SYSTEMS,
)
def generated_in_webcrm(names: str) -> Generated:
    """Edits generated from webCRM's schema and the checklist rows, applied to a linked pair."""
    return Generated(counterpart(kind(TARGET, names[:-1])), TARGET)
