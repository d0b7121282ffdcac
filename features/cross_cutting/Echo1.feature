Feature: Echo1 - The engine's own writes are not seen as new changes

  Only entities that changed are written; what the engine wrote itself does not come back as
  an edit, so a second run with no edits writes nothing.

  @checklist:customerp-webcrm/customer-organisations/link
  @checklist:customerp-webcrm/contact-persons/link
  @checklist:customerp-webcrm/product-products/link
  Scenario: [1] A second cycle without edits writes nothing
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [2] An edit from Customerp, once synchronized, is not written back to Customerp
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: name = "Nordlys Kraft AS"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system
    And Webcrm holds "Nordlys Kraft AS" in OrganisationName of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [3] An edit from Webcrm, once synchronized, is not written back to Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationName = "Nordlys Kraft AS"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system
    And Customerp holds "Nordlys Kraft AS" in name of "Nordlys"

  @checklist:customerp-webcrm/contact-persons/edit-target
  @checklist:customerp-webcrm/product-products/edit-target
  Scenario: [4] Edits of a Person and a Product from Webcrm, once synchronized, are not echoed
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Kari" was edited in Webcrm: PersonTitle = "Daglig leder"
    And "Tørrfisk" was edited in Webcrm: ProductPrice = "199.0"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system
