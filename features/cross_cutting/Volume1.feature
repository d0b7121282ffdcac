@volume
Feature: Volume1 - Every entity is synchronized past every page and bulk-write boundary

  More entities than one webCRM page or bulk write (1000) and than one Customerp page (500),
  entered at once through the fakes' seeding API. Later edits, in either system, land on the
  first and last entity of every page and chunk size engines use, and across the range.

  @checklist:customerp-webcrm/customer-organisations/sync @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [1] 1001 Customers each get their own Organisation and every edit in Customerp follows
    Given 1001 Customerp Customers entered at once
    And the engine has synchronized both systems
    And the Customers at every page and chunk boundary were edited in Customerp
    When the engine runs sync cycles until a cycle writes nothing
    Then every one of the 1001 Customers is synchronized with its own counterpart, edits included
    And Webcrm holds 1001 Organisations

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [2] Edits in Webcrm of 1001 linked Organisations reach their Customers
    Given 1001 Customerp Customers entered at once
    And the engine has synchronized both systems
    And the Customers at every page and chunk boundary were edited in Webcrm
    When the engine runs sync cycles until a cycle writes nothing
    Then every one of the 1001 Customers is synchronized with its own counterpart, edits included
    And Customerp holds 1001 Customers

  @checklist:customerp-webcrm/contact-persons/sync @checklist:customerp-webcrm/contact-persons/edit-source
  Scenario: [3] 1001 Contacts of one Customer each get their own Person and every edit follows
    Given a Customerp Customer "Nordlys"
    And 1001 Customerp Contacts entered at once of Customer "Nordlys"
    And the engine has synchronized both systems
    And the Contacts at every page and chunk boundary were edited in Customerp
    When the engine runs sync cycles until a cycle writes nothing
    Then every one of the 1001 Contacts is synchronized with its own counterpart, edits included
    And Webcrm holds 1001 Persons

  @checklist:customerp-webcrm/product-products/sync @checklist:customerp-webcrm/product-products/edit-target
  Scenario: [4] 1001 Products each get their own webCRM Product and edits in Webcrm follow
    Given 1001 Customerp Products entered at once
    And the engine has synchronized both systems
    And the Products at every page and chunk boundary were edited in Webcrm
    When the engine runs sync cycles until a cycle writes nothing
    Then every one of the 1001 Products is synchronized with its own counterpart, edits included
    And Webcrm holds 1001 Products
