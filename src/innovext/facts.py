"""Typed facts: every fact is a span of the original text plus its own fields.

The JSON form of each model uses the field names of ``seeds/gold/SCHEMA.md`` so
that any run can be scored with ``seeds/gold/score.py``; extra fields are allowed
by the schema and documented in ``docs/output.md``.

Offsets are half-open ``[start, end)`` code-point indices into the ORIGINAL
string given to :func:`innovext.extract`; ``source[start:end] == text`` always.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer


def _decimal_to_json(value: Decimal | None) -> int | float | None:
    """Numbers go to JSON as numbers (int when integral) so every consumer reads them."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


JsonDecimal = Annotated[
    Decimal,
    PlainSerializer(_decimal_to_json, return_type=Union[int, float], when_used="json"),
]
OptJsonDecimal = Annotated[
    Decimal | None,
    PlainSerializer(_decimal_to_json, return_type=Union[int, float, None], when_used="json"),
]

QuantityKind = Literal["money", "count", "percent", "multiple", "area", "weight", "length", "duration", "other"]
Approx = Literal["over", "under", "about"]


class Fact(BaseModel):
    """Common base: a typed span of the source text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str
    start: int = Field(ge=0, description="Start offset (code points) into the original text, inclusive.")
    end: int = Field(ge=0, description="End offset, exclusive: source[start:end] == text.")
    text: str = Field(description="The exact source text of the span.")
    rule: str | None = Field(default=None, description="Name of the rule that produced the fact (for debugging).")

    def __repr__(self) -> str:  # short, for notebooks and logs
        return f"<{self.type} {self.text!r} [{self.start}:{self.end}]>"


class Quantity(Fact):
    """A number with its unit, classifier or percent sign, normalised."""

    type: Literal["quantity"] = "quantity"
    value: JsonDecimal = Field(description="Normalised value: multipliers applied (891.75万元 -> 8917500).")
    value_max: OptJsonDecimal = Field(default=None, description="Upper end of a range, else null.")
    unit: str = Field(description="Base unit after removing the multiplier (万元 -> 元).")
    kind: QuantityKind
    approx: Approx | None = Field(default=None, description="over / under / about, or null for exact.")
    subject: str | None = Field(default=None, description="The indicator measured, as written.")
    region: str | None = Field(default=None, description="The place the figure belongs to, as written.")
    time: str | None = Field(default=None, description="The period, as written.")
    year: int | None = Field(default=None, description="The period's year, when it can be resolved.")
    relation: Literal["growth", "increment", "total", "share"] | None = Field(
        default=None, description="What the number says about its subject (增长 -> growth, 新增 -> increment…)."
    )


class Change(Fact):
    """A from->to movement of one indicator (从3家增长到27家)."""

    type: Literal["change"] = "change"
    from_value: JsonDecimal
    to_value: JsonDecimal
    unit: str
    subject: str | None = None
    region: str | None = None
    time: str | None = None


class Policy(Fact):
    """A title in 《》 (span covers the brackets)."""

    type: Literal["policy"] = "policy"
    title: str = Field(description="Text inside the outer brackets.")
    kind: Literal["policy", "report", "other"]
    status: str | None = Field(default=None, description="试行 / 暂行 / 征求意见稿 …")
    year: int | None = None
    issuer: str | None = None
    flagged: str | None = Field(default=None, description="Why the title is suspect (e.g. unclosed bracket).")


class Programme(Fact):
    """A quoted, named programme or mechanism (“太行英才”计划)."""

    type: Literal["programme"] = "programme"
    name: str
    kind: str = Field(description="计划 / 工程 / 行动 / 项目 / 政策 / 机制 …")


class Person(Fact):
    """A named person with the roles the text gives them; the span is the name."""

    type: Literal["person"] = "person"
    name: str
    titles: list[str] = Field(default_factory=list)
    org: str | None = None
    org_resolved: str | None = None


class Organization(Fact):
    """A distinct named organisation (first mention)."""

    type: Literal["organization"] = "organization"
    name: str
    kind: Literal["company", "government", "university", "institute", "zone", "bank", "other"]
    aliases: list[str] = Field(default_factory=list)


class Place(Fact):
    """An administrative division, resolved in the gazetteer."""

    type: Literal["place"] = "place"
    name: str = Field(description="Full official name (穆棱 -> 穆棱市).")
    level: Literal["country", "province", "city", "county", "town", "other"] = "other"
    path: list[str] = Field(default_factory=list, description="Hierarchy, top first: [黑龙江省, 牡丹江市, 穆棱市].")
    code: str | None = Field(default=None, description="Administrative division code, when known.")
    focal: bool = Field(default=False, description="True for the article's focal place.")


class Quote(Fact):
    """A quotation and who said it; the span is the quoted text with its marks."""

    type: Literal["quote"] = "quote"
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


AnyFact = Annotated[
    Union[Quantity, Change, Policy, Programme, Person, Organization, Place, Quote],
    Field(discriminator="type"),
]

FACT_TYPES: dict[str, type[Fact]] = {
    "quantity": Quantity,
    "change": Change,
    "policy": Policy,
    "programme": Programme,
    "person": Person,
    "organization": Organization,
    "place": Place,
    "quote": Quote,
}


def fact_from_dict(data: dict[str, Any]) -> Fact:
    """Rebuild a fact from its JSON form (inverse of ``model_dump(mode="json")``)."""
    return FACT_TYPES[data["type"]].model_validate(data)
