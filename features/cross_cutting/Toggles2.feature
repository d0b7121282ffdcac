Feature: Toggles2 - With Full Sync off only data created after onboarding propagates

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [1] With Full Sync off a Customer created before onboarding is not synchronized
    Given a Customerp Customer "Gammel"
    And 1 day passes
    And Full Sync is off
    And the engine has synchronized both systems
    And a Customerp Customer "Ny"
    When the engine runs a sync cycle
    Then "Ny" is synchronized with a Webcrm Organisation
    And "Gammel" is not synchronized with a Webcrm Organisation

  @checklist:customerp-webcrm/customer-organisations/sync
  Scenario: [2] With Full Sync on a Customer created before onboarding is synchronized
    Given a Customerp Customer "Gammel"
    When the engine runs a sync cycle
    Then "Gammel" is synchronized with a Webcrm Organisation
