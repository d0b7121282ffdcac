Feature: DeadLetters1 - An entity that can never be written goes to the dead letters and the rest goes on

  A value longer than the target property's maxLength can never be written: the entity is
  listed with its reason, and every other entity is still synchronized.

  @checklist:customerp-webcrm/customer-organisations/property/phone--organisationtelephone
  Scenario: [1] A phone longer than OrganisationTelephone's maxLength of 50 is a dead letter
    Given a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And "Nordlys" was edited in Customerp: phone of 51 characters
    When the engine runs a sync cycle
    Then "Nordlys" is a dead letter naming OrganisationTelephone
    And "Fjordblikk" is synchronized with a Webcrm Organisation

  @checklist:customerp-webcrm/customer-organisations/property/phone--organisationtelephone
  Scenario: [2] A phone of exactly 50 characters is synchronized
    Given a Customerp Customer "Nordlys"
    And "Nordlys" was edited in Customerp: phone of 50 characters
    When the engine runs a sync cycle
    Then "Nordlys" is synchronized with a Webcrm Organisation
    And every property of "Nordlys" is equal in both systems

  @checklist:customerp-webcrm/customer-organisations/property/address.city--organisationcity
  Scenario: [3] A city longer than OrganisationCity's maxLength of 50 is a dead letter
    Given a Customerp Customer "Nordlys"
    And "Nordlys" was edited in Customerp: address.city of 51 characters
    When the engine runs a sync cycle
    Then "Nordlys" is a dead letter naming OrganisationCity
    And "Nordlys" is not synchronized with a Webcrm Organisation
