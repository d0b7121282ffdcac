@checklist:customerp-webcrm/product-products/sync
Feature: ProductProducts1 - Every Customerp Product will be synchronized with a Webcrm Products

  Scenario: [1] A new Customerp Product is synchronized with a Webcrm Product
    Given a Customerp Product "Tørrfisk"
    When the engine runs a sync cycle
    Then "Tørrfisk" is synchronized with a Webcrm Product
    And every property of "Tørrfisk" is equal in both systems

  Scenario: [2] Every Customerp Product is synchronized with exactly one Webcrm Product
    Given 5 Customerp Products
    And the engine has synchronized both systems
    When the engine runs a sync cycle
    Then Webcrm holds 5 Products

  Scenario: [3] Every generated Customerp Product arrives unchanged in Webcrm
    Given Customerp Products generated from the Customerp schema
    When the engine runs a sync cycle for each generated example
    Then every generated example arrives unchanged in Webcrm
