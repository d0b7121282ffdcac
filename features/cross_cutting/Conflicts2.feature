Feature: Conflicts2 - Old properties are considered more correct than empty properties

  When both systems changed a property since the last sync and the most recent change
  emptied it, the older value that is not empty wins.

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [1] An older value from Customerp beats a later emptied value in Webcrm
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: phone = "+47 77 60 00 00"
    And "Nordlys" was edited in Webcrm: OrganisationTelephone emptied
    When the engine runs a sync cycle
    Then Webcrm holds "+47 77 60 00 00" in OrganisationTelephone of "Nordlys"
    And Customerp holds "+47 77 60 00 00" in phone of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [2] An older value from Webcrm beats a later emptied value in Customerp
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationWww = "https://nordlys.example.no"
    And "Nordlys" was edited in Customerp: website emptied
    When the engine runs a sync cycle
    Then Customerp holds "https://nordlys.example.no" in website of "Nordlys"
    And Webcrm holds "https://nordlys.example.no" in OrganisationWww of "Nordlys"

  @checklist:customerp-webcrm/contact-persons/edit-source
  Scenario: [3] An older e-mail from Customerp beats a later emptied e-mail in Webcrm
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in Customerp: email = "kari@nordlys.example.no"
    And "Kari" was edited in Webcrm: PersonEmail emptied
    When the engine runs a sync cycle
    Then Webcrm holds "kari@nordlys.example.no" in PersonEmail of "Kari"
