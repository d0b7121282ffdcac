"""LinkStore: links with snapshots, intents, waiting, dead letters, transactions in SQLite."""

from __future__ import annotations

import sqlite3

import pytest

from talksync.state import Link, LinkStore, StateFileError

FLOW = "customerp-webcrm/customer-organisations"


@pytest.fixture
def store(tmp_path):
    s = LinkStore(tmp_path / "state.db")
    yield s
    s.close()


def test_link_round_trip_and_lookups_both_ways(store):
    link = Link(FLOW, 1, 900, {"a": 1}, {"a": 1}, {"id": 1, "x": None}, {"OrganisationId": 900})
    store.save_link(link)
    got = store.link_for_target(FLOW, 900)
    assert got is not None and got.source_id == 1 and got.source_snapshot == {"a": 1}
    assert got.source_record == {"id": 1}  # nulls are not stored
    assert store.target_of(FLOW, 1) == 900 and store.source_of(FLOW, 900) == 1
    assert store.links(FLOW) == [(1, 900)]


def test_one_target_can_never_be_linked_twice(store):
    store.save_link(Link(FLOW, 1, 900))
    with pytest.raises(sqlite3.IntegrityError):
        store.save_link(Link(FLOW, 2, 900))


def test_failed_transaction_leaves_nothing_half_written(store, tmp_path):
    with pytest.raises(RuntimeError), store.transaction():
        store.save_link(Link(FLOW, 1, 900))
        store.add_intent(FLOW, 2, "talksync:customers:2", "2024-09-11T00:00:00.000Z")
        raise RuntimeError("crash")
    fresh = LinkStore(tmp_path / "state.db")
    assert fresh.links(FLOW) == [] and fresh.intents(FLOW) == {}


def test_committed_state_survives_a_new_connection(store, tmp_path):
    with store.transaction():
        store.add_intent(FLOW, 2, "talksync:customers:2", "2024-09-11T00:00:00.000Z")
        store.set_waiting(FLOW, 3, "customer not linked")
        store.add_talk_updates(5)
    fresh = LinkStore(tmp_path / "state.db")
    assert fresh.intents(FLOW) == {2: "2024-09-11T00:00:00.000Z"}
    assert fresh.waiting(FLOW) == [3]
    assert fresh.meta("talk_updates") == "5"


def test_dead_letters_keep_the_latest_reason_per_entity(store):
    store.add_dead_letter(FLOW, "source", 4, "too long", "t1")
    store.add_dead_letter(FLOW, "source", 4, "still too long", "t2")
    assert store.dead_letters() == [(FLOW, "source", 4, "still too long")]
    store.clear_dead_letters(FLOW, "source", 4)
    assert store.dead_letters() == []


def test_in_memory_state_is_refused():
    with pytest.raises(ValueError, match="crash safe"):
        LinkStore(":memory:")  # type: ignore[arg-type]


def test_a_file_that_is_not_sqlite_is_refused_with_its_path(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just some text that is long enough\n" * 20)
    with pytest.raises(StateFileError, match=r"notes\.txt: cannot use it as a state file"):
        LinkStore(path)
    assert path.read_text().startswith("not a database")  # left as it was


def test_another_programs_sqlite_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (x INTEGER)")
    with pytest.raises(StateFileError, match="not a talksync state file"):
        LinkStore(path)
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert tables == {"meta"}


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StateFileError, match="is a folder"):
        LinkStore(tmp_path)


def test_a_state_file_is_bound_to_the_checklist_that_made_it(store):
    store.claim("customerp-webcrm")
    store.claim("customerp-webcrm")  # the same checklist again: fine
    with pytest.raises(StateFileError, match="made for the checklist .customerp-webcrm., not"):
        store.claim("legacyerp-webcrm")


def test_a_state_file_written_before_the_application_id_is_still_used(tmp_path):
    path = tmp_path / "state.db"
    old = LinkStore(path)
    old.save_link(Link(FLOW, 1, 900))
    old.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 0")
    reopened = LinkStore(path)
    assert reopened.links(FLOW) == [(1, 900)]
    reopened.close()
