@checklist:customerp-webcrm/contact-persons/sync
Feature: ContactPersons1 - Every Customerp Contact will be synchronized with a Webcrm Persons

  Scenario: [1] A new Customerp Contact is synchronized with a Webcrm Person
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    When the engine runs a sync cycle
    Then "Kari" is synchronized with a Webcrm Person
    And every property of "Kari" is equal in both systems

  Scenario: [2] Every Customerp Contact is synchronized with exactly one Webcrm Person
    Given a Customerp Customer "Nordlys"
    And 4 Customerp Contacts of Customer "Nordlys"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then Webcrm holds 4 Persons

  Scenario: [3] Every generated Customerp Contact arrives unchanged in Webcrm
    Given Customerp Contacts generated from the Customerp schema
    When the engine runs a sync cycle for each generated example
    Then every generated example arrives unchanged in Webcrm
