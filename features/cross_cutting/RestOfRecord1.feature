Feature: RestOfRecord1 - The engine never clobbers what it does not synchronize

  Fields the mapping does not own - webCRM custom fields and OrganisationIndustry, Customerp's
  external_ref - set by people in either system survive every write the engine makes,
  including after a later edit of a mapped field in the other system.

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [1] An edit in Customerp leaves the Organisation's industry and custom field alone
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationIndustry = "Fiskeri og havbruk"
    And "Nordlys" was edited in Webcrm: OrganisationCustom1 = "Kundeklubb gull"
    And "Nordlys" was edited in Customerp: external_ref = "SAP-100042"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
    And Webcrm holds "Fiskeri og havbruk" in OrganisationIndustry of "Nordlys"
    And Webcrm holds "Kundeklubb gull" in OrganisationCustom1 of "Nordlys"
    And Customerp holds "SAP-100042" in external_ref of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [2] An edit in Webcrm leaves the Customer's external_ref alone
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationIndustry = "Fiskeri og havbruk"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: external_ref = "SAP-100042"
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "Tromsø" in address.city of "Nordlys"
    And Customerp holds "SAP-100042" in external_ref of "Nordlys"
    And Webcrm holds "Fiskeri og havbruk" in OrganisationIndustry of "Nordlys"

  @checklist:customerp-webcrm/contact-persons/edit-source @checklist:customerp-webcrm/contact-persons/edit-target
  Scenario: [3] Edits on both sides leave a Person's custom field and a Contact's external_ref alone
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Webcrm: PersonCustom1 = "Nyhetsbrev"
    And "Kari" was edited in Customerp: external_ref = "SAP-K-7"
    And the engine has synchronized both systems
    And "Kari" was edited in Customerp: title = "Innkjøpssjef"
    And "Kari" was edited in Webcrm: PersonEmail = "kari@nordlys.no"
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Innkjøpssjef" in PersonTitle of "Kari"
    And Customerp holds "kari@nordlys.no" in email of "Kari"
    And Webcrm holds "Nyhetsbrev" in PersonCustom1 of "Kari"
    And Customerp holds "SAP-K-7" in external_ref of "Kari"

  @checklist:customerp-webcrm/product-products/edit-source @checklist:customerp-webcrm/product-products/edit-target
  Scenario: [4] Edits on both sides leave a Product's custom field and external_ref alone
    Given a Customerp Product "Sokkel"
    And the engine has synchronized both systems
    And "Sokkel" was edited in Webcrm: ProductCustom2 = "Sesongvare"
    And "Sokkel" was edited in Customerp: external_ref = "SAP-P-9"
    And the engine has synchronized both systems
    And "Sokkel" was edited in Customerp: name = "Sokkel deluxe"
    And "Sokkel" was edited in Webcrm: ProductPrice = "249.5"
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Sokkel deluxe" in ProductCombined of "Sokkel"
    And Customerp holds "249.5" in unit_price of "Sokkel"
    And Webcrm holds "Sesongvare" in ProductCustom2 of "Sokkel"
    And Customerp holds "SAP-P-9" in external_ref of "Sokkel"
