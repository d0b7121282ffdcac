Feature: Conflicts1 - When both systems changed a property since the last sync, the latest version wins

  Talk compares per property: the value edited most recently wins, whichever system it was
  edited in, and edits of different properties on the two sides are both kept.

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [1] A later edit in Webcrm wins over an earlier edit of the same property in Customerp
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    When the engine runs a sync cycle
    Then Customerp holds "Tromsø" in address.city of "Nordlys"
    And Webcrm holds "Tromsø" in OrganisationCity of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [2] A later edit in Customerp wins over an earlier edit of the same property in Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    When the engine runs a sync cycle
    Then Customerp holds "Bergen" in address.city of "Nordlys"
    And Webcrm holds "Bergen" in OrganisationCity of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source
  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [3] Edits of different properties in both systems are both kept
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    And "Nordlys" was edited in Webcrm: OrganisationTelephone = "+47 55 00 00 00"
    When the engine runs a sync cycle
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
    And Customerp holds "+47 55 00 00 00" in phone of "Nordlys"
    And every property of "Nordlys" is equal in both systems

  @checklist:customerp-webcrm/contact-persons/edit-target
  Scenario: [4] A later edit of a Webcrm Person wins over an earlier edit of its Customerp Contact
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Customerp: title = "Økonomisjef"
    And "Kari" was edited in Webcrm: PersonTitle = "Daglig leder"
    When the engine runs a sync cycle
    Then Customerp holds "Daglig leder" in title of "Kari"
    And Webcrm holds "Daglig leder" in PersonTitle of "Kari"

  @checklist:customerp-webcrm/contact-persons/edit-source
  @checklist:customerp-webcrm/contact-persons/edit-target
  Scenario: [5] Edits of different properties of a Contact in both systems are both kept
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Customerp: email = "kari@nordlys.example.no"
    And "Kari" was edited in Webcrm: PersonMobilePhone = "+47 912 34 567"
    When the engine runs a sync cycle
    Then Webcrm holds "kari@nordlys.example.no" in PersonEmail of "Kari"
    And Customerp holds "+47 912 34 567" in mobile_phone of "Kari"

  @checklist:customerp-webcrm/product-products/edit-source
  Scenario: [6] A later price edit in Customerp wins over an earlier price edit in Webcrm
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Webcrm: ProductPrice = "199.0"
    And "Tørrfisk" was edited in Customerp: unit_price = "259.5"
    When the engine runs a sync cycle
    Then Customerp holds "259.5" in unit_price of "Tørrfisk"
    And Webcrm holds "259.5" in ProductPrice of "Tørrfisk"

  @checklist:customerp-webcrm/product-products/edit-source
  @checklist:customerp-webcrm/product-products/edit-target
  Scenario: [7] Edits of different properties of a Product in both systems are both kept
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Customerp: unit_price = "259.5"
    And "Tørrfisk" was edited in Webcrm: ProductQuantity = "42"
    When the engine runs a sync cycle
    Then Webcrm holds "259.5" in ProductPrice of "Tørrfisk"
    And Customerp holds "42" in stock_quantity of "Tørrfisk"
