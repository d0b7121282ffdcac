Feature: Identity1 - An entity that merely looks like another is never linked to it

  The document declares no merge criteria: a Customerp entity gets its own counterpart even
  when one with the same name, e-mail or SKU already exists in webCRM.

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [1] A Customer gets its own Organisation beside one with the same name and phone
    Given a Customerp Customer "Nordlys"
    And a Webcrm Organisation "Tvilling" that looks just like "Nordlys"
    When the engine runs sync cycles until a cycle writes nothing
    Then "Nordlys" is synchronized with a Webcrm Organisation
    And "Nordlys" is not linked to "Tvilling"
    And Webcrm holds 2 Organisations

  @checklist:customerp-webcrm/product-products/sync
  Scenario: [2] A Product gets its own webCRM Product beside one with the same SKU and name
    Given a Customerp Product "Sokkel"
    And a Webcrm Product "Kopi" that looks just like "Sokkel"
    When the engine runs sync cycles until a cycle writes nothing
    Then "Sokkel" is synchronized with a Webcrm Product
    And "Sokkel" is not linked to "Kopi"
    And Webcrm holds 2 Products

  @checklist:customerp-webcrm/contact-persons/sync
  Scenario: [3] A Contact gets its own Person beside one with the same name and e-mail
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And a Webcrm Person "Kari W" that looks just like "Kari"
    When the engine runs sync cycles until a cycle writes nothing
    Then "Kari" is synchronized with a Webcrm Person
    And "Kari" is not linked to "Kari W"
    And Webcrm holds 2 Persons
