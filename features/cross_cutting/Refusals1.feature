Feature: Refusals1 - A refused entity is dead-lettered with its reason and the rest goes on

  A Customerp 4xx (422 invalid, 409 conflict) for one entity dead-letters that entity with a
  reason naming the property, the cycle goes on for every other entity, and the entity is
  retried once it is fixed at its source. A webCRM bulk write refusing some items keeps the rest
  of that very write.

  @checklist:customerp-webcrm/product-products/edit-target
  Scenario: [1] A Webcrm Product whose SKU another Product already holds is a dead letter and the rest goes on
    Given a Customerp Product "Sokkel"
    And a Customerp Product "Lampe"
    And "Sokkel" was edited in Customerp: sku = "NO-1001"
    And the engine has synchronized both systems
    And "Lampe" was edited in Webcrm: ProductCustom1 = "NO-1001"
    And "Sokkel" was edited in Webcrm: ProductPrice = "99.5"
    When the engine runs sync cycles until a cycle writes nothing
    Then "Lampe" is a dead letter naming sku
    And Customerp holds "99.5" in unit_price of "Sokkel"

  @checklist:customerp-webcrm/product-products/edit-target
  Scenario: [2] A refused Product is retried once its SKU is fixed in Webcrm
    Given a Customerp Product "Sokkel"
    And a Customerp Product "Lampe"
    And "Sokkel" was edited in Customerp: sku = "NO-1001"
    And the engine has synchronized both systems
    And "Lampe" was edited in Webcrm: ProductCustom1 = "NO-1001"
    And the engine has synchronized both systems
    And "Lampe" was edited in Webcrm: ProductCustom1 = "NO-2002"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "NO-2002" in sku of "Lampe"
    And "Lampe" is no dead letter

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [3] An Organisation country Customerp refuses is a dead letter and the rest goes on
    Given a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCountry = "Norge"
    And "Fjordblikk" was edited in Webcrm: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then "Nordlys" is a dead letter naming address.country
    And Customerp holds "Tromsø" in address.city of "Fjordblikk"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [4] A refused Organisation is retried once its country is fixed in Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCountry = "Norge"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCountry = "SE"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "SE" in address.country of "Nordlys"
    And "Nordlys" is no dead letter

  @checklist:customerp-webcrm/contact-persons/edit-source
  Scenario: [5] A bulk write to Webcrm that refuses one Person keeps the others
    Given a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And a Customerp Contact "Ola" of Customer "Fjordblikk"
    And the engine has synchronized both systems
    And "Nordlys" was deleted in Webcrm
    And "Kari" was edited in Customerp: last_name = "Nordmann"
    And "Ola" was edited in Customerp: last_name = "Hansen"
    When the engine runs a sync cycle
    Then Webcrm holds "Hansen" in PersonLastName of "Ola"
    And "Ola" is no dead letter
    And "Kari" is a dead letter
