Feature: OtherWriters1 - Writes by other integrations are edits, not echoes

  Only the engine's own writes are echoes. A record another integration (an import, a script)
  changes through the API is a real edit and propagates, also right after the engine wrote it.

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [1] An Organisation changed through the Webcrm API by another integration reaches Customerp
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited through the Webcrm API by another integration: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "Tromsø" in address.city of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [2] A Customer changed through the Customerp API by another integration reaches Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited through the Customerp API by another integration: address.city = "Bergen"
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [3] Another integration's Webcrm write right after the engine's own write reaches Customerp
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: phone = "+47 22 33 44 55"
    And the engine has synchronized both systems
    And "Nordlys" was edited through the Webcrm API by another integration: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "Tromsø" in address.city of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [4] Another integration's Customerp write right after the engine's own write reaches Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationTelephone = "+47 22 33 44 55"
    And the engine has synchronized both systems
    And "Nordlys" was edited through the Customerp API by another integration: address.city = "Bergen"
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
