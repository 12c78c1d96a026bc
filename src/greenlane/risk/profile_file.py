"""The profile file format: pydantic models of a profile's YAML, checked at the boundary.

``greenlane.risk.profiles`` turns a validated file into a ``Profile``; these models only say
what a file may contain, and a YAML loader that refuses a key given twice.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Mode = Literal["sea", "air", "rail", "road"]
Lane = Literal["red", "yellow", "blue", "green"]
Referral = Literal[
    "assessment_complete", "request_for_information", "request_for_screening", "do_not_load"
]

Text = Annotated[str, Field(min_length=1, strict=True)]
Locode = Annotated[str, Field(pattern=r"^[A-Z]{2}[A-Z2-9]{3}$", strict=True)]
RULE_ID = r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"


class ScopeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    ports: Literal["all"] | list[Locode] = "all"
    modes: Literal["all"] | list[Mode] = "all"
    start: date | None = Field(None, alias="from")
    end: date | None = Field(None, alias="to")


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(pattern=RULE_ID, strict=True)]
    title: Text
    reason: Text
    condition: Text
    weight: Annotated[float, Field(strict=True, allow_inf_nan=False)]
    scope: ScopeFile | None = None
    owner: Text | None = None
    hard_stop: Annotated[bool, Field(strict=True)] = False
    lane: Lane | None = None
    referral: Referral | None = None


class ProfileFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Text
    version: str
    owner: Text
    effective_from: date | None = None
    effective_to: date | None = None
    extends: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$", strict=True)] | None = None
    ports: list[Locode] | None = None
    rules: list[Any]

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        # YAML reads 2026.10 as the float 2026.1: a version must be quoted or a whole number.
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError("write the version as text in quotes, e.g. version: '2026.10'")
        return str(value)


class UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML that refuses a key given twice (YAML would silently keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.MarkedYAMLError(
                    "in a mapping", node.start_mark, f"key {key!r} given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def pydantic_problems(exc: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {e['msg']}"
        if e["type"] != "missing"
        else f"{'.'.join(str(p) for p in e['loc'])} is required"
        for e in exc.errors()
    ]
