@checklist:customerp-webcrm/product-products/edit-source
Feature: ProductProducts3 - An edit to a linked Customerp Product reaches its Webcrm Products

  The first half of "regardless of where it is edited": a person edits the
  Customerp Product in Customerp, and the edit reaches the linked Webcrm Products.

  Scenario: [1] A price edited in Customerp reaches the Webcrm Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Customerp: unit_price = "312.75"
    When the engine runs a sync cycle
    Then Webcrm holds "312.75" in ProductPrice of "Tørrfisk" as a JSON float

  Scenario: [2] Editing one property in Customerp keeps every other property of the Webcrm Product
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in Customerp: description = "Tørket skrei fra Røst, 🐟 i 1 kg pose"
    When the engine runs a sync cycle
    Then every property of "Tørrfisk" is equal in both systems
    And Webcrm holds "Tørket skrei fra Røst, 🐟 i 1 kg pose" in ProductComment of "Tørrfisk"
