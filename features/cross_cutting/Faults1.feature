Feature: Faults1 - Transient failures are retried and nothing is lost or duplicated

  A 429 with Retry-After, a 5xx answer, a dropped connection and an expired access token are
  transient: the engine retries, waits as long as it is told, and writes every entity once.

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [1] A storm of 429 answers with Retry-After is waited out
    Given 3 Customerp Customers
    And Webcrm throttles requests to /Organisations* with Retry-After 14 seconds 3 times
    When the engine runs a sync cycle
    Then Webcrm holds 3 Organisations
    And Webcrm answered 3 requests with 429
    And the engine waited at least 14 seconds after every 429 from Webcrm

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [2] 5xx answers from Webcrm are retried
    Given 3 Customerp Customers
    And Webcrm answers writes to /Organisations* with 503 2 times
    When the engine runs a sync cycle
    Then Webcrm holds 3 Organisations
    And Webcrm answered 2 requests with 503

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [3] 5xx answers from Customerp are retried
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    And Customerp answers writes to /customers/* with 500 2 times
    When the engine runs a sync cycle
    Then Customerp holds "Tromsø" in address.city of "Nordlys"
    And Customerp answered 2 requests with 500

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [4] A write committed before its answer failed is not duplicated
    Given a Customerp Customer "Nordlys"
    And Webcrm commits a write to /Organisations* then fails with 500
    When the engine runs a sync cycle
    Then Webcrm holds 1 Organisation
    And Webcrm answered 1 request with 500
    And "Nordlys" is synchronized with a Webcrm Organisation

  @checklist:customerp-webcrm/product-products/sync
  Scenario: [5] A write committed before the connection dropped is not duplicated
    Given a Customerp Product "Tørrfisk"
    And Webcrm commits a write to /Products* then drops the connection
    When the engine runs a sync cycle
    Then Webcrm holds 1 Product
    And Webcrm answered 1 request with no answer
    And "Tørrfisk" is synchronized with a Webcrm Product

  @checklist:customerp-webcrm/contact-persons/edit-source
  Scenario: [6] An expired Webcrm access token is renewed
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And the Webcrm access token has expired
    And "Kari" was edited in Customerp: title = "Styreleder"
    When the engine runs a sync cycle
    Then Webcrm holds "Styreleder" in PersonTitle of "Kari"

  @checklist:customerp-webcrm/contact-persons/edit-source
  Scenario: [7] A Webcrm access token that expires in the middle of a cycle is renewed
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And every Webcrm access token expires after its first request
    And "Kari" was edited in Customerp: title = "Styreleder"
    When the engine runs a sync cycle
    Then Webcrm holds "Styreleder" in PersonTitle of "Kari"
