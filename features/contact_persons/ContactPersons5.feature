Feature: ContactPersons5 - The following properties are synchronized between a Customerp Contact and a Webcrm Persons

  One Scenario Outline per property row of the checklist: a value edited on one side arrives on
  the other side, in the mapped property and with the row's declared data type, regardless of
  where it is edited. The Examples carry the property, its counterpart and the declared type.

  @checklist:customerp-webcrm/contact-persons/property/customer_id--personorganisationid
  Scenario Outline: [1] customer_id is synchronized with PersonOrganisationId as an "integer"
    # An Organisation made in Webcrm first, so that ids differ between the two systems; the
    # value names a Customer: its id in Customerp, the id of its Organisation in Webcrm
    Given a Webcrm Organisation "Gamle Bryggeri"
    And a Customerp Customer "Nordlys"
    And a Customerp Customer "Fjordblikk"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Kari" as a JSON <type>

    Examples:
      | edited in | property             | arrives in | as                   | type    | value      |
      | Customerp | customer_id          | Webcrm     | PersonOrganisationId | integer | Fjordblikk |
      | Webcrm    | PersonOrganisationId | Customerp  | customer_id          | integer | Fjordblikk |

  @checklist:customerp-webcrm/contact-persons/property/first_name--personfirstname
  Scenario Outline: [2] first_name is synchronized with PersonFirstName as a "string"
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Kari" as a JSON <type>

    Examples:
      | edited in | property        | arrives in | as              | type   | value          |
      | Customerp | first_name      | Webcrm     | PersonFirstName | string | Ingeborg-Marie |
      | Webcrm    | PersonFirstName | Customerp  | first_name      | string | Søren          |

  @checklist:customerp-webcrm/contact-persons/property/last_name--personlastname
  Scenario Outline: [3] last_name is synchronized with PersonLastName as a "string"
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Kari" as a JSON <type>

    Examples:
      | edited in | property       | arrives in | as             | type   | value             |
      | Customerp | last_name      | Webcrm     | PersonLastName | string | Nordmann-Ødegård  |
      | Webcrm    | PersonLastName | Customerp  | last_name      | string | Kierkegaard Æbelø |

  @checklist:customerp-webcrm/contact-persons/property/email--personemail
  Scenario Outline: [4] email is synchronized with PersonEmail as a "string"
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Kari" as a JSON <type>

    Examples:
      | edited in | property    | arrives in | as          | type   | value                       |
      | Customerp | email       | Webcrm     | PersonEmail | string | kari@nordlys.example.no     |
      | Webcrm    | PersonEmail | Customerp  | email       | string | soren@fjordblikk.example.dk |

  @checklist:customerp-webcrm/contact-persons/property/mobile_phone--personmobilephone
  Scenario Outline: [5] mobile_phone is synchronized with PersonMobilePhone as a "string"
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Kari" as a JSON <type>

    Examples:
      | edited in | property          | arrives in | as                | type   | value           |
      | Customerp | mobile_phone      | Webcrm     | PersonMobilePhone | string | +47 912 34 567  |
      | Webcrm    | PersonMobilePhone | Customerp  | mobile_phone      | string | +45 20 12 34 56 |

  @checklist:customerp-webcrm/contact-persons/property/work_phone--persondirectphone
  Scenario Outline: [6] work_phone is synchronized with PersonDirectPhone as a "string"
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Kari" as a JSON <type>

    Examples:
      | edited in | property          | arrives in | as                | type   | value           |
      | Customerp | work_phone        | Webcrm     | PersonDirectPhone | string | +47 77 60 00 01 |
      | Webcrm    | PersonDirectPhone | Customerp  | work_phone        | string | +45 33 12 34 57 |

  @checklist:customerp-webcrm/contact-persons/property/title--persontitle
  Scenario Outline: [7] title is synchronized with PersonTitle as a "string"
    Given a Customerp Customer "Nordlys"
    And a Customerp Contact "Kari" of Customer "Nordlys"
    And the engine has synchronized both systems
    And "Kari" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Kari" as a JSON <type>

    Examples:
      | edited in | property    | arrives in | as          | type   | value        |
      | Customerp | title       | Webcrm     | PersonTitle | string | Daglig leder |
      | Webcrm    | PersonTitle | Customerp  | title       | string | Indkøbschef  |
