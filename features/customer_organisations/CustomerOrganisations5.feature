Feature: CustomerOrganisations5 - The following properties are synchronized between a Customerp Customer and a Webcrm Organisations

  One Scenario Outline per property row of the checklist: a value edited on one side arrives on
  the other side, in the mapped property and with the row's declared data type, regardless of
  where it is edited. The Examples carry the property, its counterpart and the declared type.

  @checklist:customerp-webcrm/customer-organisations/property/name--organisationname
  Scenario Outline: [1] name is synchronized with OrganisationName as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property         | arrives in | as               | type   | value              |
      | Customerp | name             | Webcrm     | OrganisationName | string | Nordlys Kraft AS   |
      | Webcrm    | OrganisationName | Customerp  | name             | string | Fjordblikk Ærø ApS |

  @checklist:customerp-webcrm/customer-organisations/property/phone--organisationtelephone
  Scenario Outline: [2] phone is synchronized with OrganisationTelephone as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property              | arrives in | as                    | type   | value           |
      | Customerp | phone                 | Webcrm     | OrganisationTelephone | string | +47 77 60 00 00 |
      | Webcrm    | OrganisationTelephone | Customerp  | phone                 | string | +45 33 12 34 56 |

  @checklist:customerp-webcrm/customer-organisations/property/website--organisationwww
  Scenario Outline: [3] website is synchronized with OrganisationWww as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property        | arrives in | as              | type   | value                         |
      | Customerp | website         | Webcrm     | OrganisationWww | string | https://nordlys.example.no    |
      | Webcrm    | OrganisationWww | Customerp  | website         | string | https://fjordblikk.example.dk |

  @checklist:customerp-webcrm/customer-organisations/property/vat_number--organisationvatnumber
  Scenario Outline: [4] vat_number is synchronized with OrganisationVatNumber as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property              | arrives in | as                    | type   | value          |
      | Customerp | vat_number            | Webcrm     | OrganisationVatNumber | string | NO987654321MVA |
      | Webcrm    | OrganisationVatNumber | Customerp  | vat_number            | string | DK12345678     |

  @checklist:customerp-webcrm/customer-organisations/property/address.street--organisationaddress
  Scenario Outline: [5] address.street is synchronized with OrganisationAddress as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property            | arrives in | as                  | type   | value                |
      | Customerp | address.street      | Webcrm     | OrganisationAddress | string | Storgata 1           |
      | Webcrm    | OrganisationAddress | Customerp  | address.street      | string | Østergade 12, 2. th. |

  @checklist:customerp-webcrm/customer-organisations/property/address.postal_code--organisationpostcode
  Scenario Outline: [6] address.postal_code is synchronized with OrganisationPostCode as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property             | arrives in | as                   | type   | value |
      | Customerp | address.postal_code  | Webcrm     | OrganisationPostCode | string | 9008  |
      | Webcrm    | OrganisationPostCode | Customerp  | address.postal_code  | string | 5970  |

  @checklist:customerp-webcrm/customer-organisations/property/address.city--organisationcity
  Scenario Outline: [7] address.city is synchronized with OrganisationCity as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property         | arrives in | as               | type   | value      |
      | Customerp | address.city     | Webcrm     | OrganisationCity | string | Tromsø     |
      | Webcrm    | OrganisationCity | Customerp  | address.city     | string | Ærøskøbing |

  @checklist:customerp-webcrm/customer-organisations/property/address.country--organisationcountry
  Scenario Outline: [8] address.country is synchronized with OrganisationCountry as a "string"
    Given a Customerp Customer "Nordlys"
    And the engine has synchronized both systems
    And "Nordlys" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Nordlys" as a JSON <type>

    Examples:
      | edited in | property            | arrives in | as                  | type   | value |
      | Customerp | address.country     | Webcrm     | OrganisationCountry | string | FI    |
      | Webcrm    | OrganisationCountry | Customerp  | address.country     | string | SE    |
