"""The scenarios of .feature files and their checklist tags (official Gherkin parser)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser

from talkqa.tags import checklist_item_id


class FeatureFileError(Exception):
    """A .feature file the Gherkin parser rejects; ``str()`` is ``PATH:LINE: message``."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(path, line, message)
        self.path, self.line, self.message = path, line, message

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class FeatureScenario:
    """One Scenario (or Scenario Outline) with the checklist ids of its and its parents' tags."""

    path: str
    line: int
    feature: str
    name: str
    checklist: tuple[str, ...]

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


def read_feature(path: Path, display: str | None = None) -> list[FeatureScenario]:
    """The scenarios of one feature file, in file order."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FeatureFileError(shown, 0, f"cannot read: {exc}") from None
    try:
        document = cast(dict[str, Any], Parser().parse(text))
    except CompositeParserException as exc:
        first = exc.errors[0]
        raise FeatureFileError(shown, first.location["line"], _message(first)) from None
    except ParserException as exc:
        raise FeatureFileError(shown, exc.location["line"], _message(exc)) from None
    feature = document.get("feature")
    if not feature:
        return []
    return list(_scenarios(shown, feature, feature["children"], _tags(feature)))


def index_features(folder: Path) -> list[FeatureScenario]:
    """Every scenario of every ``*.feature`` below ``folder``, by path then line."""
    found: list[FeatureScenario] = []
    for path in sorted(folder.rglob("*.feature")):
        found.extend(read_feature(path, _display(path)))
    return found


def _scenarios(
    path: str, feature: dict[str, Any], children: Iterable[dict[str, Any]], inherited: list[str]
) -> Iterable[FeatureScenario]:
    for child in children:
        if "rule" in child:
            rule = child["rule"]
            yield from _scenarios(path, feature, rule["children"], inherited + _tags(rule))
        elif "scenario" in child:
            sc = child["scenario"]
            tags = inherited + _tags(sc)
            ids = tuple(dict.fromkeys(i for i in map(checklist_item_id, tags) if i))
            yield FeatureScenario(path, sc["location"]["line"], feature["name"], sc["name"], ids)


def _tags(node: dict[str, Any]) -> list[str]:
    return [str(tag["name"]).lstrip("@") for tag in node.get("tags", [])]


def _message(exc: ParserException) -> str:
    text = str(exc.args[0]) if exc.args else str(exc)
    return text.split("): ", 1)[-1]  # drop the "(line:column)" prefix: the caller names the line


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
