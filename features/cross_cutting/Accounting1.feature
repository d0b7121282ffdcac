Feature: Accounting1 - Talk updates are counted exactly

  Talk bills per update: a create with all its properties counts one, each later save of an
  entity counts one; echoes of the engine's own writes and records read unchanged count none.

  @checklist:customerp-webcrm/customer-organisations/sync @checklist:customerp-webcrm/contact-persons/sync
  Scenario: [1] Three new Customers and a Contact count four Talk updates
    Given 3 Customerp Customers
    And a Customerp Contact "Kari" of Customer "Customer 1"
    When the engine runs sync cycles until a cycle writes nothing
    Then the engine counted 4 Talk updates

  @checklist:customerp-webcrm/customer-organisations/edit-source @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [2] An edit on each side counts one Talk update per entity saved
    Given 3 Customerp Customers
    And the engine has synchronized both systems
    And "Customer 1" was edited in Customerp: address.city = "Bergen"
    And "Customer 2" was edited in Webcrm: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then the engine counted 2 Talk updates

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [3] Several properties edited at once count one Talk update
    Given 3 Customerp Customers
    And the engine has synchronized both systems
    And "Customer 1" was edited in Customerp: address.city = "Bergen"
    And "Customer 1" was edited in Customerp: phone = "+47 22 33 44 55"
    And "Customer 1" was edited in Customerp: website = "https://nordlys.no"
    When the engine runs sync cycles until a cycle writes nothing
    Then the engine counted 1 Talk update

  @checklist:customerp-webcrm/customer-organisations/link
  Scenario: [4] The echo of the engine's own writes counts no Talk update
    Given 3 Customerp Customers
    And the engine has synchronized both systems
    And "Customer 1" was edited in Customerp: address.city = "Bergen"
    And the engine has synchronized both systems
    When the engine runs sync cycles until a cycle writes nothing
    Then the engine counted 0 Talk updates
    And no record was written to either system

  @checklist:customerp-webcrm/customer-organisations/link
  Scenario: [5] An edit of a property nobody synchronizes counts no Talk update
    Given 3 Customerp Customers
    And the engine has synchronized both systems
    And "Customer 1" was edited in Customerp: external_ref = "SAP-100042"
    When the engine runs sync cycles until a cycle writes nothing
    Then the engine counted 0 Talk updates
    And no record was written to either system
