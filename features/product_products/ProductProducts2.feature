@checklist:customerp-webcrm/product-products/link
Feature: ProductProducts2 - Once a link between a Customerp Product and a Webcrm Products is established, it will keep in sync between the two systems, regardless of where it is edited

  Scenario: [1] A linked Customerp Product stays linked to the same Webcrm Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Customerp: unit_price = "279.0"
    When the engine runs a sync cycle
    Then "Tørrfisk" is synchronized with the same Webcrm Product as before
    And Webcrm holds "279.0" in ProductPrice of "Tørrfisk"
    And Webcrm holds 1 Product

  Scenario: [2] A linked Webcrm Product that nobody edited is not written again
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then no record was written to either system

  Scenario: [3] A linked Customerp Product edited in Webcrm stays linked to the same Webcrm Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Webcrm: ProductPrice = "279.0"
    When the engine runs a sync cycle
    Then "Tørrfisk" is synchronized with the same Webcrm Product as before
    And Customerp holds "279.0" in unit_price of "Tørrfisk"
    And Customerp holds 1 Product
