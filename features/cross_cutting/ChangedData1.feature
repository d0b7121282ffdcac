@volume
Feature: ChangedData1 - Only changed data is synchronized

  Talk moves only changed data: a cycle with no edits over thousands of linked entities writes
  nothing and reads no more than each flow's change filters (Customerp: one page per flow;
  webCRM: the overlap window after its bulk creates, two pages per flow),
  and one edit costs a few requests whatever the number of entities. An engine that rescans
  everything is correct otherwise, and fails only these items. (The engine reads its own
  bulk writes back once and then the window its change filters overlap, before its markers
  settle: hence three cycles before the When.)

  @checklist:customerp-webcrm/customer-organisations/changed-data @checklist:customerp-webcrm/contact-persons/changed-data @checklist:customerp-webcrm/product-products/changed-data
  Scenario: [1] A cycle with no edits over 3003 linked entities writes nothing and reads only the change filters
    Given a Customerp Customer "Nordlys"
    And 1001 Customerp Customers entered at once
    And 1001 Customerp Contacts entered at once of Customer "Nordlys"
    And 1001 Customerp Products entered at once
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system
    And the cycle sent at most 3 requests to Customerp
    And the cycle sent at most 6 requests to Webcrm

  @checklist:customerp-webcrm/customer-organisations/changed-data @checklist:customerp-webcrm/contact-persons/changed-data @checklist:customerp-webcrm/product-products/changed-data
  Scenario: [2] One edit among 3003 linked entities costs a few requests
    Given a Customerp Customer "Nordlys"
    And 1001 Customerp Customers entered at once
    And 1001 Customerp Contacts entered at once of Customer "Nordlys"
    And 1001 Customerp Products entered at once
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    When the engine runs a sync cycle
    Then the cycle sent at most 3 requests to Customerp
    And the cycle sent at most 8 requests to Webcrm
    And Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
