@checklist:customerp-webcrm/contact-persons/edit-target
Feature: ContactPersons4 - An edit to a linked Webcrm Persons reaches its Customerp Contact

  The second half of "regardless of where it is edited": a person edits the
  Webcrm Persons in Webcrm, and the edit reaches the linked Customerp Contact.

  Scenario: [1] A mobile phone edited in Webcrm reaches the Customerp Contact
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Webcrm: PersonMobilePhone = "+45 20 12 34 56"
    When the engine runs a sync cycle
    Then Customerp holds "+45 20 12 34 56" in mobile_phone of "Kari" as a JSON string

  Scenario: [2] Editing one property in Webcrm keeps every other property of the Customerp Contact
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Webcrm: PersonTitle = "Indkøbschef"
    When the engine runs a sync cycle
    Then every property of "Kari" is equal in both systems
    And Customerp holds "Indkøbschef" in title of "Kari"

  Scenario: [3] Every generated edit of a Webcrm Person arrives unchanged in Customerp
    Given edits of Webcrm Persons generated from the Webcrm schema
    When the engine runs a sync cycle for each generated example
    Then every generated example arrives unchanged in Customerp
