"""Rule profiles: versioned YAML rules over indicator columns, checked when loaded.

A rule's condition is an SQL boolean expression that Polars evaluates over one row of indicator
columns per shipment. A profile is refused as a whole when any rule is wrong, with every problem
named by file and rule id, so a bad condition can never reach scoring. One national profile
serves every port; a port's local profile may only add rules for its own ports (`compose`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import polars as pl
import yaml
from pydantic import ValidationError

from greenlane.errors import GreenlaneError
from greenlane.risk.conditions import compile_condition
from greenlane.risk.indicators import indicator_columns
from greenlane.risk.profile_file import (
    Lane,
    ProfileFile,
    Referral,
    RuleFile,
    ScopeFile,
    UniqueKeyLoader,
    pydantic_problems,
)

KEY_COLUMN = "master_bill"
PORT_COLUMN = "port_of_discharge"
MODE_COLUMN = "mode"
DATE_COLUMN = "assessed_on"
"""Per-row scope columns `evaluate` uses when it is not given one port, mode or day."""


INDICATOR_COLUMNS: dict[str, pl.DataType] = indicator_columns()
"""The columns a condition may name, with their Polars types: the indicators that
``greenlane.risk.indicators`` computes and its context columns (port, mode, HS chapter)."""


def default_indicator_columns() -> dict[str, pl.DataType]:
    """A copy of :data:`INDICATOR_COLUMNS`, the columns a loader accepts unless told others."""
    return dict(INDICATOR_COLUMNS)


class ProfileError(GreenlaneError):
    """A profile refused: its message names the file, the rule and every problem found."""

    http_status = 422

    def __init__(self, message: str, *, source: str | None = None, problems: Sequence[str] = ()):
        super().__init__(message)
        self.source = source
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Scope:
    """Where and when a rule applies; ``None`` means every port, every mode, no date limit."""

    ports: frozenset[str] | None = None
    modes: frozenset[str] | None = None
    start: date | None = None
    end: date | None = None

    def covers(self, port: str | None, mode: str | None, on: date | None) -> bool:
        """True unless a given port, mode or day is outside the scope (``None`` is not judged)."""
        return not (
            (port is not None and self.ports is not None and port not in self.ports)
            or (mode is not None and self.modes is not None and mode not in self.modes)
            or (on is not None and self.start is not None and on < self.start)
            or (on is not None and self.end is not None and on > self.end)
        )

    def describe(self) -> str:
        """The scope in a few words, for tables."""
        parts = [
            "all ports" if self.ports is None else ", ".join(sorted(self.ports)),
            "all modes" if self.modes is None else ", ".join(sorted(self.modes)),
        ]
        if self.start or self.end:
            parts.append(f"{self.start or '…'} to {self.end or '…'}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Rule:
    """One rule: a condition over indicators, its weight, and the reason an officer reads."""

    id: str
    title: str
    reason: str
    condition: str
    weight: float
    scope: Scope
    owner: str
    hard_stop: bool = False
    lane: Lane | None = None
    referral: Referral | None = None
    source: str = ""
    """The profile (name@version) that defined the rule."""
    expr: pl.Expr = field(default_factory=lambda: pl.lit(False), compare=False, repr=False)


@dataclass(frozen=True)
class Profile:
    """A loaded, checked profile; ``extends`` and ``ports`` are set for a port's local profile."""

    name: str
    version: str
    owner: str
    effective_from: date | None
    effective_to: date | None
    rules: tuple[Rule, ...]
    extends: str | None = None
    ports: frozenset[str] | None = None
    source: str = ""
    composed_of: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    def in_force(self, on: date) -> bool:
        """Whether this version is the one in force for decisions made on ``on``. The dates
        say when a version decides, not which arrival days its rules look at: a backtest
        applies a version to history on purpose; a rule's own scope limits its days."""
        return not (
            (self.effective_from is not None and on < self.effective_from)
            or (self.effective_to is not None and on > self.effective_to)
        )

    def effective(self) -> str:
        """The version's dates in words: 'in force from 2026-01-01', 'in force always'."""
        if self.effective_from is None and self.effective_to is None:
            return "in force with no date limit"
        start = f" from {self.effective_from}" if self.effective_from else ""
        end = f" to {self.effective_to}" if self.effective_to else ""
        return f"in force{start}{end}"

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


# --- loading --------------------------------------------------------------------------------


def load_profile(path: str | Path, columns: Mapping[str, pl.DataType] | None = None) -> Profile:
    """Read and check a profile file; every problem is reported at once in one ProfileError."""
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"profile {p}: cannot be read ({exc})", source=str(p)) from None
    return parse_profile(text, source=str(p), columns=columns)


@functools.cache
def default_profile() -> Profile:
    """The national profile shipped with greenlane (``greenlane/risk/data/national.yaml``)."""
    data = resources.files("greenlane.risk").joinpath("data", "national.yaml")
    return parse_profile(data.read_text("utf-8"), source=str(data))


def parse_profile(
    text: str, *, source: str, columns: Mapping[str, pl.DataType] | None = None
) -> Profile:
    """Check a profile's YAML text; ``source`` names it in errors (a path, an upload)."""
    cols = default_indicator_columns() if columns is None else dict(columns)

    def refuse(problems: list[str]) -> ProfileError:
        count = f" ({len(problems)} problems)" if len(problems) > 1 else ""
        head = f"profile {source} refused{count}"
        return ProfileError(
            head + ":\n  " + "\n  ".join(problems), source=source, problems=problems
        )

    try:
        raw = yaml.load(text, Loader=UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise refuse([f"not valid YAML: {' '.join(str(exc).split())}"]) from None
    if not isinstance(raw, dict):
        raise refuse(["expected a mapping with name, version, owner and rules"])
    try:
        head = ProfileFile.model_validate(raw)
    except ValidationError as exc:
        raise refuse(pydantic_problems(exc)) from None
    key = f"{head.name}@{head.version}"
    problems: list[str] = []
    if (head.extends is None) != (head.ports is None):
        problems.append("a local profile needs both extends (national@version) and its ports")
    if head.effective_from and head.effective_to and head.effective_from > head.effective_to:
        problems.append("effective_from is after effective_to")
    rules: list[Rule] = []
    seen: set[str] = set()
    for n, item in enumerate(head.rules, start=1):
        rid = item.get("id") if isinstance(item, dict) else None
        label = f"rule {rid}" if isinstance(rid, str) and rid else f"rule #{n} (no id)"
        try:
            rule_file = RuleFile.model_validate(item)
        except ValidationError as exc:
            problems.extend(f"{label}: {p}" for p in pydantic_problems(exc))
            continue
        if rule_file.id in seen or rule_file.id == KEY_COLUMN:
            why = "is used twice" if rule_file.id in seen else "is reserved for the key column"
            problems.append(f"{label}: id {why}")
            continue
        seen.add(rule_file.id)
        try:
            rule = _rule(rule_file, head, key, cols)
        except ValueError as exc:
            problems.append(f"{label}: {exc}")
            continue
        rules.append(rule)
    if not head.rules:
        problems.append("has no rules")
    if problems:
        raise refuse(problems)
    return Profile(
        name=head.name,
        version=head.version,
        owner=head.owner,
        effective_from=head.effective_from,
        effective_to=head.effective_to,
        rules=tuple(rules),
        extends=head.extends,
        ports=None if head.ports is None else frozenset(head.ports),
        source=source,
    )


def _rule(f: RuleFile, head: ProfileFile, key: str, cols: Mapping[str, pl.DataType]) -> Rule:
    s = f.scope or ScopeFile.model_validate({})
    ports = None if s.ports == "all" else frozenset(s.ports)
    if head.ports is not None:  # a local rule: its ports by default, never beyond them
        if f.scope is None or "ports" not in f.scope.model_fields_set:
            ports = frozenset(head.ports)
        elif ports is None or not ports <= set(head.ports):
            outside = "all ports" if ports is None else ", ".join(sorted(ports - set(head.ports)))
            raise ValueError(
                f"scope {outside} is outside this local profile's ports "
                f"({', '.join(head.ports)}); a port may only add rules for itself"
            )
    if s.start and s.end and s.start > s.end:
        raise ValueError("scope from is after to")
    if not s.ports or not s.modes:
        raise ValueError("scope lists no ports or no modes; write all or name them")
    try:
        expr = compile_condition(f.condition, cols)
    except ValueError as exc:
        raise ValueError(f"condition `{' '.join(f.condition.split())}`: {exc}") from None
    scope = Scope(
        ports=ports,
        modes=None if s.modes == "all" else frozenset(s.modes),
        start=s.start,
        end=s.end,
    )
    owner = f.owner or head.owner
    return Rule(
        f.id, f.title.strip(), " ".join(f.reason.split()), f.condition.strip(), f.weight, scope,
        owner, f.hard_stop, f.lane, f.referral, key, expr,
    )  # fmt: skip


def compose(national: Profile, local: Profile) -> Profile:
    """The national rules plus a port's local rules; a local profile may only add.

    Refused when the local profile extends another profile or version, or when a local rule
    uses an id the national profile already has (national rules change only nationally).
    """
    problems: list[str] = []
    if national.extends is not None:
        problems.append(f"{national.key} is itself a local profile; compose onto a national one")
    if local.extends is None or local.ports is None:
        problems.append(f"{local.key} is not a local profile (it needs extends and ports)")
    elif local.extends != national.key:
        problems.append(f"{local.key} extends {local.extends}, not {national.key}")
    ids = {r.id for r in national.rules}
    problems.extend(
        f"rule {r.id}: already in {national.key}; a local profile may only add rules "
        "(change national rules in the national profile)"
        for r in local.rules
        if r.id in ids
    )
    if problems:
        head = f"local profile {local.source or local.key} refused"
        msg = head + ":\n  " + "\n  ".join(problems)
        raise ProfileError(msg, source=local.source, problems=problems)
    return Profile(
        name=national.name,
        version=national.version,
        owner=national.owner,
        effective_from=national.effective_from,
        effective_to=national.effective_to,
        rules=national.rules + local.rules,
        ports=local.ports,
        source=national.source,
        composed_of=(national.key, local.key),
    )


# --- versions -------------------------------------------------------------------------------

DIFF_FIELDS = ("title", "reason", "condition", "weight", "scope", "owner", "hard_stop", "lane",
               "referral")  # fmt: skip


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ProfileDiff:
    """What changed between two profiles: their headings, and rules added, removed, changed."""

    before: str
    after: str
    profile: tuple[FieldChange, ...]
    added: tuple[Rule, ...]
    removed: tuple[Rule, ...]
    changed: tuple[tuple[str, tuple[FieldChange, ...]], ...]

    @property
    def empty(self) -> bool:
        return not (self.profile or self.added or self.removed or self.changed)


def _shown(value: object) -> str:
    if isinstance(value, Scope):
        return value.describe()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _changes(a: object, b: object, names: Iterable[str]) -> tuple[FieldChange, ...]:
    out = []
    for name in names:
        x, y = getattr(a, name), getattr(b, name)
        if name == "condition":
            x, y = " ".join(str(x).split()), " ".join(str(y).split())
        if x != y:
            out.append(FieldChange(name, _shown(x), _shown(y)))
    return tuple(out)


def diff(a: Profile, b: Profile) -> ProfileDiff:
    """Rules added, removed and changed from ``a`` to ``b``, naming each changed field."""
    old, new = {r.id: r for r in a.rules}, {r.id: r for r in b.rules}
    changed = tuple(
        (rid, fields)
        for rid in old
        if rid in new and (fields := _changes(old[rid], new[rid], DIFF_FIELDS))
    )
    return ProfileDiff(
        before=a.key,
        after=b.key,
        profile=_changes(a, b, ("name", "version", "owner", "effective_from", "effective_to")),
        added=tuple(r for rid, r in new.items() if rid not in old),
        removed=tuple(r for rid, r in old.items() if rid not in new),
        changed=changed,
    )


# --- evaluation -----------------------------------------------------------------------------


def evaluate(
    profile: Profile,
    indicators: pl.DataFrame,
    *,
    port: str | None = None,
    mode: str | None = None,
    on: date | None = None,
) -> pl.DataFrame:
    """One row per shipment: ``master_bill`` and one true/false column per rule in scope.

    A given ``port``, ``mode`` or day (``on``) drops the rules scoped elsewhere. Without one,
    scope is judged row by row from the ``port_of_discharge``, ``mode`` and ``assessed_on``
    columns; a scoped rule with neither is refused rather than applied everywhere. An unknown
    indicator value (null) never fires a rule. All rules run in one vectorised ``select``.
    """
    masks = _scopes(profile, indicators, port, mode, on, conditions=True)
    exprs = [pl.col(KEY_COLUMN)]
    exprs += [
        (r.expr.fill_null(False) if m is None else r.expr.fill_null(False) & m).alias(r.id)
        for r, m in masks
    ]
    return indicators.lazy().select(exprs).collect()


def rules_in_scope(profile: Profile, indicators: pl.DataFrame) -> pl.DataFrame:
    """``master_bill`` and ``rules_in_scope``: how many of the profile's rules apply to each
    shipment's port, mode and day (0: the profile has nothing to say about it)."""
    masks = _scopes(profile, indicators, None, None, None, conditions=False)
    applies = [pl.lit(1) if m is None else m.cast(pl.Int32) for _, m in masks]
    total = pl.sum_horizontal(applies) if applies else pl.lit(0)
    return indicators.select(KEY_COLUMN, rules_in_scope=total.cast(pl.Int32))


def _scopes(
    profile: Profile,
    indicators: pl.DataFrame,
    port: str | None,
    mode: str | None,
    on: date | None,
    *,
    conditions: bool,
) -> list[tuple[Rule, pl.Expr | None]]:
    """Each rule in scope with its per-row scope filter (None: every row); refused, naming
    every problem, when a rule's columns (``conditions``) or scope columns are missing."""
    have = set(indicators.columns)
    problems = [] if KEY_COLUMN in have else [f"indicators have no {KEY_COLUMN} column"]
    out = []
    for r in (r for r in profile.rules if r.scope.covers(port, mode, on)):
        absent = sorted(set(r.expr.meta.root_names()) - have) if conditions else []
        mask, why = _row_scope(r.scope, have, port, mode, on)
        if absent or why:
            problems.append(f"rule {r.id}: " + (f"needs {', '.join(absent)}" if absent else why))
            continue
        out.append((r, None if mask is None else mask.fill_null(False)))
    if problems:
        msg = f"cannot evaluate {profile.key}:\n  " + "\n  ".join(problems)
        raise ProfileError(msg, source=profile.source, problems=problems)
    return out


def _row_scope(
    scope: Scope, have: set[str], port: str | None, mode: str | None, on: date | None
) -> tuple[pl.Expr | None, str]:
    """The per-row scope filter of a rule, or why it cannot be judged on these columns."""
    parts: list[pl.Expr] = []
    checks = (
        (scope.ports, port, PORT_COLUMN, "ports"),
        (scope.modes, mode, MODE_COLUMN, "modes"),
    )
    for allowed, given, column, what in checks:
        if allowed is None or given is not None:
            continue
        if column not in have:
            return (
                None,
                f"is scoped to {what} {', '.join(sorted(allowed))}; pass one or a {column} column",
            )
        parts.append(pl.col(column).is_in(sorted(allowed)))
    if on is None and (scope.start or scope.end):
        if DATE_COLUMN not in have:
            return None, f"has dates ({scope.describe()}); pass on= or an {DATE_COLUMN} column"
        if scope.start:
            parts.append(pl.col(DATE_COLUMN) >= scope.start)
        if scope.end:
            parts.append(pl.col(DATE_COLUMN) <= scope.end)
    if not parts:
        return None, ""
    return functools.reduce(lambda x, y: x & y, parts), ""
