Feature: ChangeWindows1 - No edit is lost at the edges of a change window

  Change filters start where the last read ended. Edits stamped in the very millisecond of the
  newest record already read, writes that commit late (stamped before the newest stamp read),
  edits saved while a cycle runs, and two systems whose clocks disagree by seconds must all
  arrive. The engine reads its own writes once before its markers settle, hence two cycles.

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [1] An edit in Customerp stamped in the same millisecond as the newest Customer read arrives
    Given a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen" in the same millisecond as "Fjordblikk"
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [2] An edit in Webcrm stamped in the same millisecond as the newest Organisation read arrives
    Given a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø" in the same millisecond as "Fjordblikk"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "Tromsø" in address.city of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [3] A slow Customerp transaction stamped before the newest Customer read arrives
    Given a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen", committed late with a stamp 500 milliseconds before "Fjordblikk" was last changed
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [4] A slow webCRM transaction stamped before the newest Organisation read arrives
    Given a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø", committed late with a stamp 500 milliseconds before "Fjordblikk" was last changed
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "Tromsø" in address.city of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [5] An edit saved in Customerp while a cycle runs, after the engine read the Customer, arrives
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: phone = "+47 22 33 44 55"
    And during the next cycle, "Nordlys" is edited in Customerp right after the engine reads it: address.city = "Bergen"
    When the engine runs sync cycles until a cycle writes nothing
    Then the edits made during the cycle were made after the engine read them
    And Webcrm holds "Bergen" in OrganisationCity of "Nordlys"
    And Webcrm holds "+47 22 33 44 55" in OrganisationTelephone of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [6] An edit saved in Webcrm while a cycle runs, after the engine read the Organisation, arrives
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationTelephone = "+47 22 33 44 55"
    And during the next cycle, "Nordlys" is edited in Webcrm right after the engine reads it: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then the edits made during the cycle were made after the engine read them
    And Customerp holds "Tromsø" in address.city of "Nordlys"
    And Customerp holds "+47 22 33 44 55" in phone of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [7] With the webCRM clock 5 seconds behind, an edit in Webcrm still arrives
    Given the Webcrm clock runs 5 seconds behind Customerp
    And a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "Tromsø" in address.city of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-source
  Scenario: [8] With the webCRM clock 5 seconds ahead, an edit in Customerp still arrives
    Given the Webcrm clock runs 5 seconds ahead of Customerp
    And a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And "Nordlys" was edited in Customerp: address.city = "Bergen"
    When the engine runs sync cycles until a cycle writes nothing
    Then Webcrm holds "Bergen" in OrganisationCity of "Nordlys"

  @checklist:customerp-webcrm/customer-organisations/edit-target
  Scenario: [9] With the webCRM clock 5 seconds ahead, an edit in Webcrm still arrives
    Given the Webcrm clock runs 5 seconds ahead of Customerp
    And a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And the engine has synchronized both systems
    And "Nordlys" was edited in Webcrm: OrganisationCity = "Tromsø"
    When the engine runs sync cycles until a cycle writes nothing
    Then Customerp holds "Tromsø" in address.city of "Nordlys"
