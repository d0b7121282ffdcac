"""The subset of SQL that the fake's `GET /Queries?script=` understands; the rest is refused.

    SELECT * FROM <Organisation|Person|Product> [[AS] <alias>]
        [WHERE <column> <op> <literal> [AND <column> <op> <literal>]...]
        [ORDER BY <column> [ASC|DESC]] [;]

Keywords, table and column names are case-insensitive; columns are the DTO's fields, optionally
qualified by the table name or alias; <op> is one of = <> != < <= > >=; a literal is a quoted
string ('' escapes a quote) or a number. Comparisons follow SQL Server: date-time columns compare
as instants, text columns case-insensitively, NULL (an unset date) matches nothing and sorts
first. Anything else raises UnsupportedQuery naming what is not supported: a wrong answer would
be worse than a refusal.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from fakes.webcrm.dto import canonical_timestamp
from fakes.webcrm.errors import UnsupportedQuery
from fakes.webcrm.schema import EntitySchema, FieldSpec, entity_for_table

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)(?![A-Za-z_])"
    r"|(?P<op>>=|<=|<>|!=|=|<|>)|(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[*.;,()\[\]]))"
)
# Words never taken as a table alias, so that e.g. `FROM Person GROUP BY` names GROUP.
_RESERVED = {"select", "from", "where", "and", "or", "order", "by", "asc", "desc", "group"}
_RESERVED |= {"having", "join", "inner", "left", "right", "full", "outer", "cross", "on"}
_RESERVED |= {"union", "limit", "offset", "fetch", "top", "as", "with", "not", "in", "like"}
_OPERATORS = {
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


@dataclass(frozen=True)
class Token:
    kind: str  # str | num | op | word | punct | end
    text: str


@dataclass(frozen=True)
class Condition:
    """`<column> <op> <literal>`, with the literal already in the column's comparable form."""

    field: FieldSpec
    op: str
    value: Any

    def matches(self, row: dict[str, Any]) -> bool:
        current = comparable(self.field, row[self.field.name])
        return current is not None and bool(_OPERATORS[self.op](current, self.value))


@dataclass(frozen=True)
class Query:
    """A parsed script: which table, which rows, in which order."""

    schema: EntitySchema
    conditions: tuple[Condition, ...]
    order_by: FieldSpec | None
    descending: bool

    def select(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The matching rows (given in id order), ordered; ties stay in id order."""
        chosen = [row for row in rows if all(c.matches(row) for c in self.conditions)]
        if self.order_by is not None:
            spec = self.order_by
            chosen.sort(key=lambda row: _sort_key(spec, row[spec.name]), reverse=self.descending)
        return chosen


def comparable(spec: FieldSpec, value: Any) -> Any:
    """A stored value as SQL Server would compare it (None for NULL)."""
    if value is None:
        return None
    if spec.json_type == "string" and not spec.is_datetime:
        return str(value).casefold()
    if spec.json_type == "boolean":
        return int(value)
    return value


def _sort_key(spec: FieldSpec, value: Any) -> tuple[int, Any]:
    key = comparable(spec, value)
    return (0, "") if key is None else (1, key)


def tokenize(script: str) -> list[Token]:
    tokens, pos = [], 0
    text = script.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise UnsupportedQuery(f"Unsupported character {text[pos:].lstrip()[:1]!r} in script.")
        kind = match.lastgroup or "end"
        tokens.append(Token(kind, match.group(kind)))
        pos = match.end()
    tokens.append(Token("end", ""))
    return tokens


class _Parser:
    """Recursive descent over the token list; every refusal names the offending token."""

    def __init__(self, script: str) -> None:
        self.tokens = tokenize(script)
        self.pos = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def is_word(self, word: str) -> bool:
        token = self.peek()
        return token.kind == "word" and token.text.lower() == word

    def expect_word(self, word: str, context: str) -> None:
        if not self.is_word(word):
            raise self.unsupported(f"expected {word.upper()} {context}")
        self.take()

    def unsupported(self, what: str) -> UnsupportedQuery:
        token = self.peek()
        near = "the end of the script" if token.kind == "end" else repr(_shortened(token.text))
        return UnsupportedQuery(
            f"Unsupported query: {what}, near {near}. Supported: SELECT * FROM "
            "Organisation|Person|Product [WHERE <column> <op> <literal> [AND ...]] "
            "[ORDER BY <column> [ASC|DESC]]."
        )

    def parse(self) -> Query:
        self.expect_word("select", "at the start")
        if self.take().text != "*":
            self.pos -= 1
            raise self.unsupported("only SELECT * is supported")
        self.expect_word("from", "after SELECT *")
        schema, aliases = self.table()
        conditions = self.where(schema, aliases) if self.is_word("where") else ()
        order_by, descending = None, False
        if self.is_word("order"):
            order_by, descending = self.order(schema, aliases)
        if self.peek().text == ";":
            self.take()
        if self.peek().kind != "end":
            raise self.unsupported("this is not supported here")
        return Query(schema, conditions, order_by, descending)

    def table(self) -> tuple[EntitySchema, set[str]]:
        token = self.take()
        schema = entity_for_table(token.text) if token.kind == "word" else None
        if schema is None:
            self.pos -= 1
            raise self.unsupported("unknown table (Organisation, Person or Product)")
        aliases = {schema.table.lower()}
        explicit = self.is_word("as")
        if explicit:
            self.take()
        following = self.peek()
        if following.kind == "word" and following.text.lower() not in _RESERVED:
            aliases.add(self.take().text.lower())
        elif explicit:
            raise self.unsupported("expected an alias after AS")
        return schema, aliases

    def column(self, schema: EntitySchema, aliases: set[str]) -> FieldSpec:
        token = self.take()
        if token.kind == "word" and self.peek().text == "." and token.text.lower() in aliases:
            self.take()
            token = self.take()
        spec = schema.field_by_name(token.text) if token.kind == "word" else None
        if spec is None:
            self.pos -= 1
            raise self.unsupported(f"unknown column of {schema.table}")
        return spec

    def where(self, schema: EntitySchema, aliases: set[str]) -> tuple[Condition, ...]:
        self.take()
        conditions = [self.condition(schema, aliases)]
        while self.is_word("and"):
            self.take()
            conditions.append(self.condition(schema, aliases))
        return tuple(conditions)

    def condition(self, schema: EntitySchema, aliases: set[str]) -> Condition:
        spec = self.column(schema, aliases)
        if self.peek().kind != "op":
            raise self.unsupported("expected one of = <> != < <= > >=")
        op = self.take().text
        literal = self.take()
        if literal.kind not in ("str", "num"):
            self.pos -= 1
            raise self.unsupported("expected a quoted string or a number")
        return Condition(spec, op, self.literal_value(spec, literal))

    def literal_value(self, spec: FieldSpec, literal: Token) -> Any:
        text = literal.text[1:-1].replace("''", "'") if literal.kind == "str" else literal.text
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
            self.pos -= 1
            raise self.unsupported(f"{spec.name} cannot be compared with this literal") from None
        return text.casefold()

    def order(self, schema: EntitySchema, aliases: set[str]) -> tuple[FieldSpec, bool]:
        self.take()
        self.expect_word("by", "after ORDER")
        spec = self.column(schema, aliases)
        descending = False
        if self.is_word("asc") or self.is_word("desc"):
            descending = self.take().text.lower() == "desc"
        return spec, descending


def _shortened(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


def parse_query(script: str | None) -> Query:
    """Parse a /Queries script or raise UnsupportedQuery."""
    if not script or not script.strip():
        raise UnsupportedQuery("The script parameter is required.")
    return _Parser(script).parse()
