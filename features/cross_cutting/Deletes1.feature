Feature: Deletes1 - We do not delete data from your systems

  A deletion in one system is never propagated to the other.

  @checklist:customerp-webcrm/customer-organisations/link
  Scenario: [1] A Customerp Customer deleted in Customerp keeps its Webcrm Organisation
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was deleted in Customerp
    When the engine runs a sync cycle
    Then "Nordlys" still exists in Webcrm
    And Webcrm holds 1 Organisation

  @checklist:customerp-webcrm/customer-organisations/link
  Scenario: [2] A Webcrm Organisation deleted in Webcrm keeps its Customerp Customer
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was deleted in Webcrm
    When the engine runs a sync cycle
    Then "Nordlys" still exists in Customerp

  @checklist:customerp-webcrm/contact-persons/link
  Scenario: [3] A Customerp Contact deleted in Customerp keeps its Webcrm Person
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was deleted in Customerp
    When the engine runs a sync cycle
    Then "Kari" still exists in Webcrm

  @checklist:customerp-webcrm/product-products/link
  Scenario: [4] A Webcrm Product deleted in Webcrm keeps its Customerp Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was deleted in Webcrm
    When the engine runs a sync cycle
    Then "Tørrfisk" still exists in Customerp

  @checklist:customerp-webcrm/product-products/link
  Scenario: [5] A Customerp Product deleted in Customerp keeps its Webcrm Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was deleted in Customerp
    When the engine runs a sync cycle
    Then "Tørrfisk" still exists in Webcrm
