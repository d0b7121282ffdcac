@checklist:customerp-webcrm/product-products/edit-target
Feature: ProductProducts4 - An edit to a linked Webcrm Products reaches its Customerp Product

  The second half of "regardless of where it is edited": a person edits the
  Webcrm Products in Webcrm, and the edit reaches the linked Customerp Product.

  Scenario: [1] A stock quantity edited in Webcrm reaches the Customerp Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Webcrm: ProductQuantity = "17.5"
    When the engine runs a sync cycle
    Then Customerp holds "17.5" in stock_quantity of "Tørrfisk" as a JSON float

  Scenario: [2] Editing one property in Webcrm keeps every other property of the Customerp Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Webcrm: ProductVatCode = "33"
    When the engine runs a sync cycle
    Then every property of "Tørrfisk" is equal in both systems
    And Customerp holds "33" in vat_code of "Tørrfisk"

  Scenario: [3] Every generated edit of a Webcrm Product arrives unchanged in Customerp
    Given edits of Webcrm Products generated from the Webcrm schema
    When the engine runs a sync cycle for each generated example
    Then every generated example arrives unchanged in Customerp
