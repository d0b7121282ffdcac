"""The SELECT subset that the fake's `GET /Queries?script=` answers; everything else is refused.

    SELECT * | <column>[, <column>]... FROM <table> [[AS] <alias>]
        [WHERE <condition>] [ORDER BY <column> [ASC|DESC][, ...]] [;]

A condition is ``<column> <op> <literal>`` (``= <> != < <= > >=``), ``<column> [NOT] LIKE
'<pattern>'``, ``<column> [NOT] IN (<literal>, ...)``, ``<column> IS [NOT] NULL``, combined with
AND, OR, NOT and parentheses. Scripts are parsed by sqlglot as T-SQL (webCRM runs on SQL
Server: ``[Column]`` and ``N'text'`` work); the tree is then checked against this subset and
evaluated here over the fake's rows with SQL Server's semantics: date-time columns compare as
instants, text case-insensitively, NULL (an unset date) matches no comparison and sorts first.
Anything outside the subset raises UnsupportedQuery naming it: a refusal beats a wrong answer.

Why sqlglot and not SQLite: sqlglot gives a real T-SQL grammar (so the refusals name what is
unsupported instead of failing on an unexpected token), while evaluating over the in-memory
rows keeps SQL Server's comparison rules and the per-row JSON cache; SQLite would need every
table copied per query and compares text case-sensitively and dates as text.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from fakes.webcrm.dto import canonical_timestamp
from fakes.webcrm.errors import UnsupportedQuery
from fakes.webcrm.schema import EntitySchema, FieldSpec, entity_for_table, query_tables

Row = dict[str, Any]
Predicate = Callable[[Row], bool]
SUPPORTED = (
    "Supported: SELECT * or a column list FROM one table, WHERE with = <> != < <= > >=, LIKE, "
    "IN, IS NULL, AND, OR, NOT, ORDER BY columns ASC|DESC."
)
_COMPARE: dict[type[exp.Expression], Callable[[Any, Any], bool]] = {
    exp.EQ: lambda a, b: a == b,
    exp.NEQ: lambda a, b: a != b,
    exp.LT: lambda a, b: a < b,
    exp.LTE: lambda a, b: a <= b,
    exp.GT: lambda a, b: a > b,
    exp.GTE: lambda a, b: a >= b,
}
_SELECT_PARTS = {"expressions", "from_", "from", "where", "order"}
_CLAUSES = {"limit": "TOP/LIMIT", "joins": "JOIN", "group": "GROUP BY", "offset": "OFFSET"}


@dataclass(frozen=True)
class Query:
    """A checked script: which table, which columns (None: all), which rows, in which order."""

    schema: EntitySchema
    columns: tuple[str, ...] | None
    predicate: Predicate | None
    order: tuple[tuple[FieldSpec, bool], ...]  # (column, descending)

    def select(self, rows: list[Row]) -> list[Row]:
        """The matching rows (given in id order), ordered; ties stay in id order."""
        keep = self.predicate
        chosen = rows if keep is None else [row for row in rows if keep(row)]
        for spec, descending in reversed(self.order):  # stable sorts, last key first
            chosen = sorted(chosen, key=_row_key(spec), reverse=descending)
        return chosen

    def project(self, rows: list[Row]) -> list[Row]:
        """The chosen columns of each row, in the script's order."""
        columns = self.columns or tuple(self.schema.fields)
        return [{name: row[name] for name in columns} for row in rows]


def comparable(spec: FieldSpec, value: Any) -> Any:
    """A stored value as SQL Server would compare it (None for NULL)."""
    if value is None:
        return None
    if spec.json_type == "string" and not spec.is_datetime:
        return str(value).casefold()
    if spec.json_type == "boolean":
        return int(value)
    return value


def _row_key(spec: FieldSpec) -> Callable[[Row], tuple[int, Any]]:
    return lambda row: _sort_key(spec, row[spec.name])


def _sort_key(spec: FieldSpec, value: Any) -> tuple[int, Any]:
    key = comparable(spec, value)
    return (0, "") if key is None else (1, key)


def unsupported(what: str) -> UnsupportedQuery:
    return UnsupportedQuery(f"Unsupported query: {what}. {SUPPORTED}")


def _sql(node: exp.Expression) -> str:
    text = node.sql(dialect="tsql")
    return text if len(text) <= 40 else text[:37] + "..."


class _Checker:
    """Walks sqlglot's tree, refusing what is outside the subset, building the predicate."""

    def __init__(self, schema: EntitySchema, aliases: set[str]) -> None:
        self.schema = schema
        self.aliases = aliases

    def column(self, node: exp.Expression) -> FieldSpec:
        if not isinstance(node, exp.Column) or node.args.get("db"):
            raise unsupported(f"expected a column of {self.schema.table}, got {_sql(node)!r}")
        if node.table and node.table.lower() not in self.aliases:
            raise unsupported(f"unknown table or alias {node.table!r}")
        spec = self.schema.field_by_name(node.name)
        if spec is None or spec.json_type in ("array", "object"):
            raise unsupported(f"unknown column {node.name!r} of {self.schema.table}")
        return spec

    def literal(self, spec: FieldSpec, node: exp.Expression) -> Any:
        negative = isinstance(node, exp.Neg)
        inner = node.this if negative else node
        if not isinstance(inner, exp.Literal | exp.National) or (negative and inner.is_string):
            raise unsupported(f"expected a literal to compare {spec.name} with, got {_sql(node)!r}")
        text = ("-" if negative else "") + str(inner.this)
        try:
            if spec.is_datetime:
                return canonical_timestamp(text)
            if spec.json_type in ("integer", "boolean"):
                return int(text)
            if spec.json_type == "number":
                number = float(text)
                if not math.isfinite(number):  # 'NaN', 'inf', '1e999': SQL Server refuses them
                    raise ValueError(text)
                return number
        except ValueError:
            raise unsupported(f"{spec.name} cannot be compared with {text[:40]!r}") from None
        return text.casefold()

    def condition(self, node: exp.Expression) -> Predicate:
        if isinstance(node, exp.Paren):
            return self.condition(node.this)
        if isinstance(node, exp.And | exp.Or):
            left, right = self.condition(node.this), self.condition(node.expression)
            if isinstance(node, exp.And):
                return lambda row: left(row) and right(row)
            return lambda row: left(row) or right(row)
        if isinstance(node, exp.Not):
            inner = self.condition(node.this)
            return lambda row: not inner(row)
        compare = _COMPARE.get(type(node))
        if compare is not None:
            spec = self.column(node.this)
            return _compared(spec, compare, self.literal(spec, node.expression))
        if isinstance(node, exp.Like):
            spec = self.column(node.this)
            pattern = _like(str(self.literal(spec, node.expression)))
            name = spec.name
            return lambda row: row[name] is not None and bool(pattern.match(str(row[name])))
        if isinstance(node, exp.In) and not node.args.get("query"):
            spec = self.column(node.this)
            values = {self.literal(spec, item) for item in node.expressions}
            return _compared(spec, lambda a, b: a in b, values)
        if isinstance(node, exp.Is) and isinstance(node.expression, exp.Null):
            name = self.column(node.this).name
            return lambda row: row[name] is None
        raise unsupported(f"{type(node).__name__.upper()} in WHERE ({_sql(node)!r})")


def _compared(spec: FieldSpec, compare: Callable[[Any, Any], bool], value: Any) -> Predicate:
    name = spec.name

    def matches(row: Row) -> bool:
        current = comparable(spec, row[name])
        return current is not None and bool(compare(current, value))

    return matches


def _like(pattern: str) -> re.Pattern[str]:
    """SQL LIKE (``%``, ``_``, ``[abc]``) as a case-insensitive regular expression."""
    parts = re.split(r"(%|_|\[[^\]]*\])", pattern)
    regex = "".join(
        ".*" if p == "%" else "." if p == "_" else p if p.startswith("[") else re.escape(p)
        for p in parts
    )
    return re.compile(f"(?is:{regex})\\Z")


def _table(select: exp.Select) -> tuple[EntitySchema, set[str]]:
    source = select.args.get("from_") or select.args.get("from")
    table = source.this if source is not None else None
    if not isinstance(table, exp.Table) or table.args.get("db") or select.args.get("joins"):
        raise unsupported("expected FROM one table")
    schema = entity_for_table(table.name)
    if schema is None:
        raise unsupported(f"unknown table {table.name!r}; tables: {', '.join(query_tables())}")
    return schema, {schema.table.lower(), table.alias.lower()} - {""}


@functools.lru_cache(maxsize=512)
def parse_query(script: str | None) -> Query:
    """Parse a /Queries script or raise UnsupportedQuery (cached: scripts repeat)."""
    if not script or not script.strip():
        raise UnsupportedQuery("The script parameter is required.")
    try:
        statements = [s for s in sqlglot.parse(script, read="tsql") if s is not None]
    except sqlglot.errors.SqlglotError as err:
        raise unsupported(f"cannot parse the script ({str(err).splitlines()[0][:120]})") from None
    if len(statements) != 1 or not isinstance(statements[0], exp.Select):
        kinds = ", ".join(type(s).__name__.upper() for s in statements) or "nothing"
        raise unsupported(f"expected exactly one SELECT statement, got {kinds}")
    select = statements[0]
    extra = sorted(k for k, v in select.args.items() if v and k not in _SELECT_PARTS)
    if extra:
        raise unsupported(f"{_CLAUSES.get(extra[0], extra[0].upper())} is not supported")
    schema, aliases = _table(select)
    checker = _Checker(schema, aliases)
    columns: tuple[str, ...] | None = None
    if not (len(select.expressions) == 1 and isinstance(select.expressions[0], exp.Star)):
        columns = tuple(checker.column(node).name for node in select.expressions)
    where = select.args.get("where")
    predicate = checker.condition(where.this) if where is not None else None
    order_node = select.args.get("order")
    order = tuple(
        (checker.column(o.this), bool(o.args.get("desc")))
        for o in (order_node.expressions if order_node is not None else ())
    )
    return Query(schema, columns, predicate, order)
