Feature: ConcurrentWriters1 - The engine never overwrites an edit made between its read and its write

  Customerp versions every record and honours If-Match: a conforming engine uses it (or
  re-reads) so that a person's edit saved after the engine read the record survives the write.
  webCRM has no If-Match; as far as its API allows, an engine asks again before it writes.

  @checklist:customerp-webcrm/customer-organisations/edit-target @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [1] A Customer edited in Customerp while the engine writes a Webcrm edit keeps both edits
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    And during the next cycle, "Nordlys" is edited in Customerp right after the engine reads it: phone = "+47 22 33 44 55"
    When the engine runs sync cycles until a cycle writes nothing
    Then the edits made during the cycle were made after the engine read them
    And Customerp holds "+47 22 33 44 55" in phone of "Nordlys"
    And Customerp holds "Tromsø" in address.city of "Nordlys"
    And Webcrm holds "+47 22 33 44 55" in OrganisationTelephone of "Nordlys"

  @checklist:customerp-webcrm/product-products/edit-target @checklist:customerp-webcrm/product-products/edit-source
  Scenario: [2] A Product edited in Customerp while the engine writes a Webcrm edit keeps both edits
    Given a Customerp Product "Sokkel"
    And the engine has synchronized both systems
    And "Sokkel" was edited in Webcrm: ProductPrice = "249.5"
    And during the next cycle, "Sokkel" is edited in Customerp right after the engine reads it: stock_quantity = "17"
    When the engine runs sync cycles until a cycle writes nothing
    Then the edits made during the cycle were made after the engine read them
    And Customerp holds "17" in stock_quantity of "Sokkel"
    And Customerp holds "249.5" in unit_price of "Sokkel"
    And Webcrm holds "17" in ProductQuantity of "Sokkel"

  @checklist:customerp-webcrm/customer-organisations/edit-source @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [3] An Organisation edited in Webcrm after the engine read it keeps that edit when a Customerp edit arrives
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    And "Nordlys" was edited in Webcrm: OrganisationIndustry = "Fiskeri og havbruk"
    And during the next cycle, "Nordlys" is edited in Webcrm right after the engine reads it: OrganisationTelephone = "+47 22 33 44 55"
    When the engine runs sync cycles until a cycle writes nothing
    Then the edits made during the cycle were made after the engine read them
    And Webcrm holds "+47 22 33 44 55" in OrganisationTelephone of "Nordlys"
    And Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
    And Customerp holds "+47 22 33 44 55" in phone of "Nordlys"
