@checklist:customerp-webcrm/contact-persons/link
Feature: ContactPersons2 - Once a link between a Customerp Contact and a Webcrm Persons is established, it will keep in sync between the two systems, regardless of where it is edited

  Scenario: [1] A linked Customerp Contact stays linked to the same Webcrm Person
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Customerp: title = "Styreleder"
    When the engine runs a sync cycle
    Then "Kari" is synchronized with the same Webcrm Person as before
    And Webcrm holds "Styreleder" in PersonTitle of "Kari"
    And Webcrm holds 1 Person

  Scenario: [2] A linked Webcrm Person that nobody edited is not written again
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system

  Scenario: [3] A linked Customerp Contact edited in Webcrm stays linked to the same Webcrm Person
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Webcrm: PersonTitle = "Styreleder"
    When the engine runs a sync cycle
    Then "Kari" is synchronized with the same Webcrm Person as before
    And Customerp holds "Styreleder" in title of "Kari"
    And Customerp holds 1 Contact
