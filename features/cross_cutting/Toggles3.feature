Feature: Toggles3 - Edits held back by a toggle arrive once it is turned back on

  While Share Enabled is off for a system nothing is written into it; turned back on, every
  edit held back meanwhile arrives, in both directions. Full Sync turned on after running
  without it brings the older data too.

  @checklist:customerp-webcrm/customer-organisations/edit-source @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [1] Edits on both sides while Share Enabled was off for Webcrm arrive once it is back on
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And Share Enabled is off for Webcrm
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    And "Nordlys" was edited in Webcrm: OrganisationTelephone = "+47 22 33 44 55"
    And the engine has synchronized both systems
    And Share Enabled is back on for Webcrm
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
    And Customerp holds "+47 22 33 44 55" in phone of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [2] Edits on both sides while Share Enabled was off for Customerp arrive once it is back on
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And Share Enabled is off for Customerp
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    And "Nordlys" was edited in Webcrm: OrganisationTelephone = "+47 22 33 44 55"
    And the engine has synchronized both systems
    And Share Enabled is back on for Customerp
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
    And Customerp holds "+47 22 33 44 55" in phone of "Nordlys"

  @checklist:customerp-webcrm/contact-persons/edit-source
  Scenario: [3] Contacts edited in Customerp while Share Enabled was off for Webcrm arrive once it is back on
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And a Customerp Contact "Ola" of Customer "Nordlys"
    And the engine has synchronized both systems
    And Share Enabled is off for Webcrm
    And "Kari" was edited in Customerp: last_name = "Nordmann"
    And "Ola" was edited in Customerp: title = "Innkjøpssjef"
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And Share Enabled is back on for Webcrm
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Nordmann" in PersonLastName of "Kari"
    And Webcrm holds "Innkjøpssjef" in PersonTitle of "Ola"

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [4] Customers from before onboarding arrive once Full Sync is turned on
    Given a Customerp Customer "Nordlys"
    And 1 day passes
    And Full Sync is off
    And the engine has synchronized both systems
    And a Customerp Customer "Ny"
    And the engine has synchronized both systems
    And Full Sync is turned on
    When the engine runs sync cycles until a cycle writes nothing
    Then "Nordlys" is synchronized with a Webcrm Organisation
