Feature: Dependencies1 - A Webcrm Person belongs to the Webcrm Organisation linked to its Contact's Customer

  A Person's PersonOrganisationId is the Organisation linked to the Contact's Customer; a
  Contact whose Customer is not linked yet waits, it is not lost.

  @checklist:customerp-webcrm/contact-persons/sync
  @checklist:customerp-webcrm/contact-persons/property/customer_id--personorganisationid
  Scenario: [1] Every Webcrm Person belongs to the Organisation of its own Customer
    # An Organisation made in Webcrm first, so that ids differ between the two systems
    Given a Webcrm Organisation "Gamle Bryggeri"
    And a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And a Customerp Contact "Kari" of Customer "Fjordblikk"
    And a Customerp Contact "Ola" of Customer "Nordlys"
    When the engine runs a sync cycle
    Then Webcrm holds "Fjordblikk" in PersonOrganisationId of "Kari" as a JSON integer
    And Webcrm holds "Nordlys" in PersonOrganisationId of "Ola" as a JSON integer

  @checklist:customerp-webcrm/contact-persons/sync
  Scenario: [2] A Contact whose Customer cannot be synchronized yet (its city is too long for Webcrm) waits
    Given a Customerp Customer "Fjordblikk"
    And "Fjordblikk" was edited in Customerp: address.city of 51 characters
    And a Customerp Contact "Kari" of Customer "Fjordblikk"
    When the engine runs a sync cycle
    Then "Kari" waits for its Customer
    And "Kari" is not synchronized with a Webcrm Person

  @checklist:customerp-webcrm/contact-persons/sync
  @checklist:customerp-webcrm/contact-persons/property/customer_id--personorganisationid
  Scenario: [3] A waiting Contact follows its Customer to the right Organisation
    # An Organisation made in Webcrm first, so that ids differ between the two systems
    Given a Webcrm Organisation "Gamle Bryggeri"
    And a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And "Fjordblikk" was edited in Customerp: address.city of 51 characters
    And a Customerp Contact "Kari" of Customer "Fjordblikk"
    And the engine has synchronized both systems
    And "Fjordblikk" was edited in Customerp: address.city = "Ærøskøbing"
    When the engine runs a sync cycle
    Then "Kari" is synchronized with a Webcrm Person
    And Webcrm holds "Fjordblikk" in PersonOrganisationId of "Kari" as a JSON integer
