@checklist:customerp-webcrm/customer-organisations/edit-target
Feature: CustomerOrganisations4 - An edit to a linked Webcrm Organisations reaches its Customerp Customer

  The second half of "regardless of where it is edited": a person edits the
  Webcrm Organisations in Webcrm, and the edit reaches the linked Customerp Customer.

  Scenario: [1] A name edited in Webcrm reaches the Customerp Customer
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationName = "Nordlys Kraft AS"
    When the engine runs a sync cycle
    Then Customerp holds "Nordlys Kraft AS" in name of "Nordlys" as a JSON string

  Scenario: [2] Editing one property in Webcrm keeps every other property of the Customerp Customer
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Ærøskøbing"
    When the engine runs a sync cycle
    Then every property of "Nordlys" is equal in both systems
    And Customerp holds "Ærøskøbing" in address.city of "Nordlys"

  Scenario: [3] Every generated edit of a Webcrm Organisation arrives unchanged in Customerp
    Given edits of Webcrm Organisations generated from the Webcrm schema
    When the engine runs a sync cycle for each generated example
    Then every generated example arrives unchanged in Customerp
