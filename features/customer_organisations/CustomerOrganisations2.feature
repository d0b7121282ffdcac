@checklist:customerp-webcrm/customer-organisations/link
Feature: CustomerOrganisations2 - Once a link between a Customerp Customer and a Webcrm Organisations is established, it will keep in sync between the two systems, regardless of where it is edited

  Scenario: [1] A linked Customerp Customer stays linked to the same Webcrm Organisation
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: name = "Nordlys Kraft AS"
    When the engine runs a sync cycle
    Then "Nordlys" is synchronized with the same Webcrm Organisation as before
    And Webcrm holds "Nordlys Kraft AS" in OrganisationName of "Nordlys"
    And Webcrm holds 1 Organisation

  Scenario: [2] A linked Webcrm Organisation that nobody edited is not written again
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system

  Scenario: [3] A linked Customerp Customer edited in Webcrm stays linked to the same Webcrm Organisation
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationName = "Nordlys Kraft AS"
    When the engine runs a sync cycle
    Then "Nordlys" is synchronized with the same Webcrm Organisation as before
    And Customerp holds "Nordlys Kraft AS" in name of "Nordlys"
    And Customerp holds 1 Customer
