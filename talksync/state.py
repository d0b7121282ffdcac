"""The engine's state in SQLite: links with their last-synced snapshots and last-known records,
create intents, change markers, waiting entities, dead letters and the Talk update count.
Every change is made inside a transaction; the engine orders writes so a crash loses nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from talksync.errors import ConfigError

APPLICATION_ID = 0x74616C6B  # "talk": marks a SQLite file as a talksync state file
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS links (
    flow TEXT NOT NULL, source_id INTEGER NOT NULL, target_id INTEGER NOT NULL,
    source_snapshot TEXT NOT NULL, target_snapshot TEXT NOT NULL,
    source_record TEXT NOT NULL, target_record TEXT NOT NULL,
    PRIMARY KEY (flow, source_id), UNIQUE (flow, target_id));
CREATE TABLE IF NOT EXISTS intents (
    flow TEXT NOT NULL, source_id INTEGER NOT NULL, marker TEXT NOT NULL,
    started_at TEXT NOT NULL, PRIMARY KEY (flow, source_id));
CREATE TABLE IF NOT EXISTS waiting (
    flow TEXT NOT NULL, source_id INTEGER NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (flow, source_id));
CREATE TABLE IF NOT EXISTS dead_letters (
    id INTEGER PRIMARY KEY, flow TEXT NOT NULL, side TEXT NOT NULL,
    entity_id INTEGER NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
"""

Json = dict[str, Any]


@dataclass
class Link:
    """A source entity linked to its target entity, with what was last synced."""

    flow: str
    source_id: int
    target_id: int
    source_snapshot: Json = field(default_factory=dict)
    target_snapshot: Json = field(default_factory=dict)
    source_record: Json = field(default_factory=dict)
    target_record: Json = field(default_factory=dict)


def _is_ours(db: sqlite3.Connection, tables: set[str]) -> bool:
    """A state file written before the application id was set: it has our tables' columns."""
    if not {"meta", "links"} <= tables:
        return False
    links = {r[1] for r in db.execute("PRAGMA table_info(links)")}
    meta = {r[1] for r in db.execute("PRAGMA table_info(meta)")}
    return meta == {"key", "value"} and {"flow", "source_id", "target_id"} <= links


def _dump(value: Json) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def compact(record: Json) -> Json:
    """A record without its null fields (the form stored as last-known record)."""
    return {k: v for k, v in record.items() if v is not None}


class StateFileError(ConfigError):
    """The state file cannot be used: not SQLite, another application's database, made for
    another checklist, or not readable and writable."""


class LinkStore:
    """All state of one engine, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        if str(path) == ":memory:":
            raise ValueError("state_path must be a file: an in-memory state is not crash safe")
        if path.is_dir():
            raise StateFileError(f"{path}: is a folder, not a state file")
        self.path = path
        try:
            self._db = sqlite3.connect(str(path), isolation_level=None)
            try:
                self._open()
            except BaseException:
                self._db.close()
                raise
        except sqlite3.Error as exc:
            raise StateFileError(f"{path}: cannot use it as a state file: {exc}") from None
        self._depth = 0

    def _open(self) -> None:
        """Create the schema in a new file; refuse a SQLite file some other program made."""
        application_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if application_id != APPLICATION_ID and tables and not _is_ours(self._db, tables):
            raise StateFileError(f"{self.path}: a SQLite database, but not a talksync state file")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def claim(self, checklist: str) -> None:
        """Bind this state to the dataflow documents it syncs (``checklist``: their slugs);
        a state made for other documents is refused, as its links name other entities."""
        owner = self.meta("checklist")
        if owner is not None and owner != checklist:
            raise StateFileError(
                f"{self.path}: this state file was made for the checklist {owner!r}, "
                f"not {checklist!r}: use another state file"
            )
        if owner is None:
            with self.transaction():
                self.set_meta("checklist", checklist)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together or not at all (nesting joins the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    # -- meta: onboarding time, change markers, counters --------------------------------------
    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def add_talk_updates(self, count: int) -> None:
        total = int(self.meta("talk_updates") or 0) + count
        self.set_meta("talk_updates", str(total))

    # -- links ---------------------------------------------------------------------------------
    def link_for_source(self, flow: str, source_id: int) -> Link | None:
        return self._one("flow = ? AND source_id = ?", (flow, source_id))

    def link_for_target(self, flow: str, target_id: int) -> Link | None:
        return self._one("flow = ? AND target_id = ?", (flow, target_id))

    def target_of(self, flow: str, source_id: int) -> int | None:
        row = self._db.execute(
            "SELECT target_id FROM links WHERE flow = ? AND source_id = ?", (flow, source_id)
        ).fetchone()
        return None if row is None else int(row[0])

    def source_of(self, flow: str, target_id: int) -> int | None:
        row = self._db.execute(
            "SELECT source_id FROM links WHERE flow = ? AND target_id = ?", (flow, target_id)
        ).fetchone()
        return None if row is None else int(row[0])

    def save_link(self, link: Link) -> None:
        self._db.execute(
            "INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (flow, source_id) DO "
            "UPDATE SET target_id = excluded.target_id, "
            "source_snapshot = excluded.source_snapshot, "
            "target_snapshot = excluded.target_snapshot, "
            "source_record = excluded.source_record, target_record = excluded.target_record",
            (
                link.flow,
                link.source_id,
                link.target_id,
                _dump(link.source_snapshot),
                _dump(link.target_snapshot),
                _dump(compact(link.source_record)),
                _dump(compact(link.target_record)),
            ),
        )

    def links(self, flow: str) -> list[tuple[int, int]]:
        rows = self._db.execute(
            "SELECT source_id, target_id FROM links WHERE flow = ? ORDER BY source_id", (flow,)
        )
        return [(int(s), int(t)) for s, t in rows]

    def _one(self, where: str, args: tuple[Any, ...]) -> Link | None:
        row = self._db.execute(
            f"SELECT flow, source_id, target_id, source_snapshot, target_snapshot, "
            f"source_record, target_record FROM links WHERE {where}",
            args,
        ).fetchone()
        if row is None:
            return None
        flow, sid, tid, *blobs = row
        return Link(flow, int(sid), int(tid), *(json.loads(b) for b in blobs))

    # -- create intents ------------------------------------------------------------------------
    def add_intent(self, flow: str, source_id: int, marker: str, started_at: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO intents VALUES (?, ?, ?, ?)",
            (flow, source_id, marker, started_at),
        )

    def drop_intent(self, flow: str, source_id: int) -> None:
        self._db.execute("DELETE FROM intents WHERE flow = ? AND source_id = ?", (flow, source_id))

    def intents(self, flow: str) -> dict[int, str]:
        """Pending creates of a flow: source id -> when the create was intended."""
        rows = self._db.execute("SELECT source_id, started_at FROM intents WHERE flow = ?", (flow,))
        return {int(s): str(t) for s, t in rows}

    # -- waiting -------------------------------------------------------------------------------
    def set_waiting(self, flow: str, source_id: int, reason: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO waiting VALUES (?, ?, ?)", (flow, source_id, reason)
        )

    def clear_waiting(self, flow: str, source_id: int) -> None:
        self._db.execute("DELETE FROM waiting WHERE flow = ? AND source_id = ?", (flow, source_id))

    def waiting(self, flow: str) -> list[int]:
        rows = self._db.execute(
            "SELECT source_id FROM waiting WHERE flow = ? ORDER BY source_id", (flow,)
        )
        return [int(r[0]) for r in rows]

    # -- dead letters --------------------------------------------------------------------------
    def add_dead_letter(self, flow: str, side: str, entity_id: int, reason: str, at: str) -> None:
        self.clear_dead_letters(flow, side, entity_id)
        self._db.execute(
            "INSERT INTO dead_letters (flow, side, entity_id, reason, at) VALUES (?, ?, ?, ?, ?)",
            (flow, side, entity_id, reason, at),
        )

    def clear_dead_letters(self, flow: str, side: str, entity_id: int) -> None:
        self._db.execute(
            "DELETE FROM dead_letters WHERE flow = ? AND side = ? AND entity_id = ?",
            (flow, side, entity_id),
        )

    def dead_letters(self) -> list[tuple[str, str, int, str]]:
        rows = self._db.execute(
            "SELECT flow, side, entity_id, reason FROM dead_letters ORDER BY id"
        )
        return [(str(f), str(s), int(e), str(r)) for f, s, e, r in rows]
