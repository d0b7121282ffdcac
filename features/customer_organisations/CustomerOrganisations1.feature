@checklist:customerp-webcrm/customer-organisations/sync
Feature: CustomerOrganisations1 - Every Customerp Customer will be synchronized with a Webcrm Organisations

  Scenario: [1] A new Customerp Customer is synchronized with a Webcrm Organisation
    Given a Customerp Customer "Nordlys"
    When the engine runs a sync cycle
    Then "Nordlys" is synchronized with a Webcrm Organisation
    And every property of "Nordlys" is equal in both systems

  Scenario: [2] Every Customerp Customer is synchronized with exactly one Webcrm Organisation
    Given 5 Customerp Customers
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then Webcrm holds 5 Organisations

  Scenario: [3] Every generated Customerp Customer arrives unchanged in Webcrm
    Given Customerp Customers generated from the Customerp schema
    When the engine runs a sync cycle for each generated example
    Then every generated example arrives unchanged in Webcrm
