Feature: Toggles1 - Share Enabled decides whether anything is written into a system

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [1] With Share Enabled off for Webcrm nothing is written into Webcrm
    Given Share Enabled is off for Webcrm
    And a Customerp Customer "Nordlys"
    When the engine runs a sync cycle
    Then no record was written to Webcrm
    And "Nordlys" is not synchronized with a Webcrm Organisation

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [2] With Share Enabled off for Customerp edits in Webcrm stay in Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And Share Enabled is off for Customerp
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    When the engine runs a sync cycle
    Then no record was written to Customerp

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [3] With Share Enabled off for Customerp edits in Customerp still reach Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And Share Enabled is off for Customerp
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    When the engine runs a sync cycle
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
