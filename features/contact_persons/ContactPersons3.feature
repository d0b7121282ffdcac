@checklist:customerp-webcrm/contact-persons/edit-source
Feature: ContactPersons3 - An edit to a linked Customerp Contact reaches its Webcrm Persons

  The first half of "regardless of where it is edited": a person edits the
  Customerp Contact in Customerp, and the edit reaches the linked Webcrm Persons.

  Scenario: [1] A last name edited in Customerp reaches the Webcrm Person
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Customerp: last_name = "Nordmann-Ødegård"
    When the engine runs a sync cycle
    Then Webcrm holds "Nordmann-Ødegård" in PersonLastName of "Kari" as a JSON string

  Scenario: [2] Editing one property in Customerp keeps every other property of the Webcrm Person
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Customerp: email = "kari.ny@nordlys.example.no"
    When the engine runs a sync cycle
    Then every property of "Kari" is equal in both systems
    And Webcrm holds "kari.ny@nordlys.example.no" in PersonEmail of "Kari"
