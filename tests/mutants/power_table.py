"""The table of the conformance-power mutants (issue 12): name, factory in power.py, the bug
in one line, the checklist items the suite must fail, and whether only the large-volume
scenarios (``--volume``) can kill it. catalogue.py registers them."""

from __future__ import annotations

DOC = "customerp-webcrm"
ORGS, PERSONS, PRODUCTS = (
    f"{DOC}/customer-organisations",
    f"{DOC}/contact-persons",
    f"{DOC}/product-products",
)
MODULE = "tests.mutants.power"
CHANGED = tuple(f"{flow}/changed-data" for flow in (ORGS, PERSONS, PRODUCTS))
POWER: tuple[tuple[str, str, str, tuple[str, ...], bool], ...] = (
    # 1 volume
    ("bulk-chunk-drops-last", "bulk_chunk_drops_last",
     "bulk creates are chunked off by one: the last entity of every full chunk of 1000 is lost",
     (f"{ORGS}/edit-target", f"{PRODUCTS}/sync"), True),
    ("customerp-page-off-by-one", "customerp_page_off_by_one",
     "the first record of every later Customerp page is skipped (cursor off by one)",
     (f"{ORGS}/edit-target", f"{PRODUCTS}/sync"), True),
    # 2 change windows
    ("strictly-after-newest", "strictly_after_newest",
     "change filters start just after the newest stamp read: a same-millisecond edit is lost",
     (f"{ORGS}/edit-source", f"{ORGS}/edit-target"), False),
    ("no-overlap", "no_overlap",
     "change filters start exactly at the newest stamp read: a late commit is lost",
     (f"{ORGS}/edit-source", f"{ORGS}/edit-target"), False),
    ("marker-from-engine-clock", "marker_from_engine_clock",
     "change filters start at the engine's own clock at the end of the cycle",
     (f"{ORGS}/edit-source", f"{ORGS}/edit-target"), False),
    ("one-marker-for-both", "one_marker_for_both",
     "one change marker for both systems, from the newest stamp of either",
     (f"{ORGS}/edit-source",), False),
    # 3 concurrent writers
    ("put-without-if-match", "put_without_if_match",
     "Customerp PUTs carry no If-Match: an edit made since the engine's read is overwritten",
     (f"{ORGS}/edit-target", f"{PRODUCTS}/edit-target"), False),
    ("stale-body-on-412", "stale_body_on_412",
     "on 412 the engine re-reads only the version and sends its stale body again",
     (f"{ORGS}/edit-target", f"{PRODUCTS}/edit-target"), False),
    ("webcrm-update-without-recheck", "webcrm_update_without_recheck",
     "a bulk webCRM update overwrites a person's edit made after the engine read the record",
     (f"{ORGS}/edit-source",), False),
    # 4 the rest of the record
    ("dto-from-mapped-fields-only", "dto_from_mapped_fields_only",
     "webCRM updates carry only the mapped fields: custom fields and industry are cleared",
     (f"{ORGS}/edit-source", f"{PERSONS}/edit-source", f"{PRODUCTS}/edit-source"), False),
    ("put-from-cached-record", "put_from_cached_record",
     "Customerp PUTs are built from the record cached at the last sync, not the one just read",
     (f"{ORGS}/edit-target",), False),
    # 5 other writers
    ("api-writes-are-echoes", "api_writes_are_echoes",
     "linked webCRM records last updated by an API user are taken for the engine's own echo",
     (f"{ORGS}/edit-target",), False),
    ("echo-window-after-own-put", "echo_window_after_own_put",
     "Customerp changes within 60 s after the engine's own PUT are taken for its echo",
     (f"{ORGS}/edit-source",), False),
    # 6 identity
    ("merge-by-name", "merge_by_name",
     "with no merge criteria declared, a look-alike by name is linked instead of created",
     (f"{ORGS}/sync", f"{PRODUCTS}/sync", f"{PERSONS}/sync"), False),
    ("merge-by-key", "merge_by_key",
     "with no merge criteria declared, a look-alike by phone, SKU or e-mail is linked",
     (f"{ORGS}/sync", f"{PRODUCTS}/sync", f"{PERSONS}/sync"), False),
    # 7 refusals and partial failure
    ("customerp-refusal-aborts-cycle", "customerp_refusal_aborts_cycle",
     "a Customerp 4xx for one entity aborts the cycle instead of dead-lettering it",
     (f"{PRODUCTS}/edit-target", f"{ORGS}/edit-target"), False),
    ("dead-letters-never-retried", "dead_letters_never_retried",
     "a dead-lettered entity is skipped for good, even once fixed at its source",
     (f"{PRODUCTS}/edit-target", f"{ORGS}/edit-target"), False),
    ("refused-item-stops-the-batch", "refused_item_stops_the_batch",
     "the first item webCRM refuses in a bulk update ends it: the items after it are lost",
     (f"{PERSONS}/edit-source",), False),
    # 8 Talk's accounting
    ("counts-unchanged-reads", "counts_unchanged_reads",
     "every linked record read counts a Talk update, also echoes and unchanged ones",
     (f"{ORGS}/link",), False),
    ("counts-per-request", "counts_per_request",
     "Talk updates are counted per write request, not per entity saved",
     (f"{ORGS}/sync", f"{PERSONS}/sync"), False),
    # 9 toggles over time
    ("held-back-recorded-as-synced", "held_back_recorded_as_synced",
     "an edit held back by Share Enabled is recorded as synced and never arrives",
     (f"{ORGS}/edit-source", f"{ORGS}/edit-target"), False),
    ("full-sync-turned-on-ignored", "full_sync_turned_on_ignored",
     "Full Sync turned on later never reads the data from before onboarding",
     (f"{ORGS}/sync",), False),
    # 10 only changed data
    ("full-rescan", "full_rescan",
     "every cycle reads everything (correct, but not only changed data)", CHANGED, True),
    ("refetch-every-linked-record", "refetch_every_linked_record",
     "every cycle fetches every linked Customerp record by id", CHANGED, True),
)  # fmt: skip
