Feature: ProductProducts5 - The following properties are synchronized between a Customerp Product and a Webcrm Products

  One Scenario Outline per property row of the checklist: a value edited on one side arrives on
  the other side, in the mapped property and with the row's declared data type, regardless of
  where it is edited. The Examples carry the property, its counterpart and the declared type.

  @checklist:customerp-webcrm/product-products/property/name--productcombined
  Scenario Outline: [1] name is synchronized with ProductCombined as a "string"
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Tørrfisk" as a JSON <type>

    Examples:
      | edited in | property        | arrives in | as              | type   | value                     |
      | Customerp | name            | Webcrm     | ProductCombined | string | Tørrfisk fra Lofoten 1 kg |
      | Webcrm    | ProductCombined | Customerp  | name            | string | Rødgrød med fløde         |

  @checklist:customerp-webcrm/product-products/property/sku--productcustom1
  Scenario Outline: [2] sku is synchronized with ProductCustom1 as a "string"
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Tørrfisk" as a JSON <type>

    Examples:
      | edited in | property       | arrives in | as             | type   | value      |
      | Customerp | sku            | Webcrm     | ProductCustom1 | string | TF-LOF-001 |
      | Webcrm    | ProductCustom1 | Customerp  | sku            | string | RGF-002    |

  @checklist:customerp-webcrm/product-products/property/description--productcomment
  Scenario Outline: [3] description is synchronized with ProductComment as a "string"
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Tørrfisk" as a JSON <type>

    Examples:
      | edited in | property       | arrives in | as             | type   | value                       |
      | Customerp | description    | Webcrm     | ProductComment | string | Tørket skrei, 🐟 fra Røst    |
      | Webcrm    | ProductComment | Customerp  | description    | string | Dansk dessert med jordbær 🍓 |

  @checklist:customerp-webcrm/product-products/property/unit_price--productprice
  Scenario Outline: [4] unit_price is synchronized with ProductPrice as a "float"
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Tørrfisk" as a JSON <type>

    Examples:
      | edited in | property     | arrives in | as           | type  | value |
      | Customerp | unit_price   | Webcrm     | ProductPrice | float | 249.5 |
      | Webcrm    | ProductPrice | Customerp  | unit_price   | float | 89.95 |

  @checklist:customerp-webcrm/product-products/property/cost_price--productcostprice
  Scenario Outline: [5] cost_price is synchronized with ProductCostPrice as a "float"
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Tørrfisk" as a JSON <type>

    Examples:
      | edited in | property         | arrives in | as               | type  | value  |
      | Customerp | cost_price       | Webcrm     | ProductCostPrice | float | 120.25 |
      | Webcrm    | ProductCostPrice | Customerp  | cost_price       | float | 41.5   |

  @checklist:customerp-webcrm/product-products/property/stock_quantity--productquantity
  Scenario Outline: [6] stock_quantity is synchronized with ProductQuantity as a "float"
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Tørrfisk" as a JSON <type>

    Examples:
      | edited in | property        | arrives in | as              | type  | value |
      | Customerp | stock_quantity  | Webcrm     | ProductQuantity | float | 1200  |
      | Webcrm    | ProductQuantity | Customerp  | stock_quantity  | float | 0.5   |

  @checklist:customerp-webcrm/product-products/property/vat_code--productvatcode
  Scenario Outline: [7] vat_code is synchronized with ProductVatCode as a "string"
    Given a Customerp Product "Tørrfisk"
    And the engine has synchronized both systems
    And "Tørrfisk" was edited in <edited in>: <property> = "<value>"
    When the engine runs a sync cycle
    Then <arrives in> holds "<value>" in <as> of "Tørrfisk" as a JSON <type>

    Examples:
      | edited in | property       | arrives in | as             | type   | value |
      | Customerp | vat_code       | Webcrm     | ProductVatCode | string | 31    |
      | Webcrm    | ProductVatCode | Customerp  | vat_code       | string | 33    |
