@checklist:customerp-webcrm/customer-organisations/edit-source
Feature: CustomerOrganisations3 - An edit to a linked Customerp Customer reaches its Webcrm Organisations

  The first half of "regardless of where it is edited": a person edits the
  Customerp Customer in Customerp, and the edit reaches the linked Webcrm Organisations.

  Scenario: [1] A name edited in Customerp reaches the Webcrm Organisation
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: name = "Nordlys Kraft AS"
    When the engine runs a sync cycle
    Then Webcrm holds "Nordlys Kraft AS" in OrganisationName of "Nordlys" as a JSON string

  Scenario: [2] Editing one property in Customerp keeps every other property of the Webcrm Organisation
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Tromsø"
    When the engine runs a sync cycle
    Then every property of "Nordlys" is equal in both systems
    And Webcrm holds "Tromsø" in OrganisationCity of "Nordlys"

  Scenario: [3] Several properties edited in Customerp all reach the Webcrm Organisation
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: phone = "+47 77 60 00 00"
    And "Nordlys" was edited in Customerp: website = "https://nordlys.example.no"
    When the engine runs a sync cycle
    Then Webcrm holds "+47 77 60 00 00" in OrganisationTelephone of "Nordlys"
    And Webcrm holds "https://nordlys.example.no" in OrganisationWww of "Nordlys"
    And every property of "Nordlys" is equal in both systems
