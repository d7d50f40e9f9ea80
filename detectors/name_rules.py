"""What a column's name says about its contents, from rules kept as data in ``name_rules.yaml``.

Korean clinic databases name columns in English (``patient_name``), in romanised EMR abbreviations
(``PT_NM``, ``JUMIN_NO``, ``HP_NO``) and in Hangul (``환자명``, ``주민등록번호``). One table of fragments per
entity serves all three once names are normalised the way pdscan does it (lower-case, separators dropped,
camelCase split). The name is only one piece of evidence: the engine in ``classify.py`` weighs it against
the values, and a name alone never turns masked or look-alike values into a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml

from detectors.entities import ALL_ENTITIES

MatchKind = Literal["token", "substring", "exact"]

_CAMEL_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_CAMEL_ACRONYM = re.compile(r"([A-Z]+)([A-Z][a-z])")
# Runs of Latin letters, of digits, or of anything else that is a word character (Hangul, kana, CJK).
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+|[^\W\d_A-Za-z]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


class NameRulesError(ValueError):
    """The name-rule file is malformed; the message names the file and the offending entry."""


def name_tokens(name: str) -> tuple[str, ...]:
    """Split a column name into lower-case tokens: ``"ptNm_2"`` -> ``("pt", "nm", "2")``.

    camelCase, letter/digit and Latin/Hangul boundaries split; ``_``, ``-``, ``.`` and spaces separate.
    """
    spaced = _CAMEL_ACRONYM.sub(r"\1 \2", _CAMEL_LOWER_UPPER.sub(r"\1 \2", name))
    return tuple(t.lower() for t in _TOKEN.findall(spaced))


def compact(name: str) -> str:
    """Normalise case and separators away: ``"PT_NM"``, ``"ptNm"`` -> ``"ptnm"``."""
    return "".join(name_tokens(name))


def _specificity(fragment: str) -> int:
    """How much a matched fragment says: its length, a Hangul syllable counting double."""
    return len(fragment) + len(_HANGUL.findall(fragment))


@dataclass(frozen=True)
class NameRule:
    """One fragment pointing to an entity (or, for a negative rule, to none)."""

    entity: str | None
    fragment: str
    match: MatchKind
    confidence: float
    generic: bool = False


@dataclass(frozen=True)
class NameEvidence:
    """What the column name says.

    Attributes:
        entity: the entity the name points to, or None.
        confidence: 0..1 strength of the name evidence (0 when ``entity`` is None).
        rule: the rule that decided, as ``ENTITY/kind:fragment`` (``negative/token:ipversion``), or None.
        free_text: the name marks a prose column (memo, note, 상담내용).
        context: words to hand to the recognizers as context for this column's cells.

    """

    entity: str | None
    confidence: float
    rule: str | None
    free_text: bool
    context: tuple[str, ...]


@dataclass(frozen=True)
class _Match:
    rule: NameRule
    specificity: int
    end_token: int  # index of the first token after the matched run; -1 for substring/exact matches


class NameRules:
    """The loaded rule table; ``evaluate(column, table)`` is the one question it answers."""

    def __init__(self, document: dict[str, Any], origin: str) -> None:
        """Build the matcher from the parsed YAML document; ``origin`` names the file in errors."""
        self._origin = origin
        self.rules: list[NameRule] = []
        self.entity_context: dict[str, tuple[str, ...]] = {}
        entities = _require(document, "entities", dict, origin)
        for entity, spec in entities.items():
            if entity not in ALL_ENTITIES:
                raise NameRulesError(
                    f"{origin}: entities.{entity}: unknown entity; use one of {ALL_ENTITIES}"
                )
            self.entity_context[entity] = tuple(_require(spec, "context", list, f"{origin}: {entity}"))
            for i, rule in enumerate(_require(spec, "rules", list, f"{origin}: {entity}")):
                self.rules.extend(self._parse_rule(rule, entity, f"{origin}: entities.{entity}.rules[{i}]"))
        for i, rule in enumerate(document.get("negatives", [])):
            self.rules.extend(self._parse_rule(rule, None, f"{origin}: negatives[{i}]"))
        self.free_text_rules: list[NameRule] = []
        for i, rule in enumerate(document.get("free_text", [])):
            self.free_text_rules.extend(self._parse_rule(rule, None, f"{origin}: free_text[{i}]"))
        tables = document.get("table_context", {})
        self._person_tables = frozenset(compact(t) for t in tables.get("person_tables", []))
        self._lookup_tables = frozenset(compact(t) for t in tables.get("lookup_tables", []))
        self._person_table_confidence = float(tables.get("person_table_confidence", 0.8))
        self._subject_keys = [
            NameRule(None, compact(str(k)), "substring" if _HANGUL.search(str(k)) else "token", 1.0)
            for k in tables.get("subject_keys", [])
        ]
        modifiers = document.get("modifiers", {})
        self._modifier_tokens = frozenset(compact(t) for t in modifiers.get("tokens", []))
        self._hangul_suffixes = tuple(modifiers.get("hangul_suffixes", []))

    @staticmethod
    def _parse_rule(raw: Any, entity: str | None, where: str) -> list[NameRule]:
        if not isinstance(raw, dict) or set(raw) - {"match", "confidence", "fragments", "generic"}:
            raise NameRulesError(f"{where}: expected keys match, confidence, fragments (optional generic)")
        kind = raw.get("match")
        if kind not in ("token", "substring", "exact"):
            raise NameRulesError(f"{where}: match must be token, substring or exact, not {kind!r}")
        confidence = float(raw.get("confidence", 1.0))
        if not 0.0 <= confidence <= 1.0:
            raise NameRulesError(f"{where}: confidence must be between 0 and 1, not {confidence}")
        fragments = raw.get("fragments")
        if not isinstance(fragments, list) or not fragments:
            raise NameRulesError(f"{where}: fragments must be a non-empty list")
        return [
            NameRule(entity, compact(str(f)), kind, confidence, bool(raw.get("generic", False)))
            for f in fragments
        ]

    def evaluate(self, column: str, table: str | None = None) -> NameEvidence:
        """Say which entity ``column`` (of ``table``) points to, how strongly, and what context to pass on.

        The most specific matching rule wins; a negative rule wins ties. A modifier after the match
        (``email_yn``, ``pwd_chg_dt``, ``주소변경일자``) means the column describes the value, not holds it.
        """
        tokens = tuple(t for t in name_tokens(column))
        joined = "".join(tokens)
        best = _best(_matches(self.rules, tokens, joined))
        free_text = any(True for _ in _matches(self.free_text_rules, tokens, joined))
        context = _dedupe([column.lower(), joined, *tokens])
        if best is None or best.rule.entity is None:
            return NameEvidence(None, 0.0, None if best is None else _describe(best.rule), free_text, context)
        if self._modified(best, tokens, joined):
            return NameEvidence(None, 0.0, _describe(best.rule) + " +modifier", free_text, context)
        confidence = best.rule.confidence
        if best.rule.generic and table is not None:
            confidence = self._generic_confidence(table, confidence)
        if confidence <= 0.0:
            return NameEvidence(None, 0.0, _describe(best.rule), free_text, context)
        entity = best.rule.entity
        context = _dedupe([*context, *self.entity_context.get(entity, ())])
        return NameEvidence(entity, confidence, _describe(best.rule), free_text, context)

    def is_subject_key(self, column: str) -> bool:
        """Whether ``column`` says whose the row is (``pt_no``, ``memberId``, ``환자번호``)."""
        tokens = name_tokens(column)
        return any(True for _ in _matches(self._subject_keys, tokens, "".join(tokens)))

    def _generic_confidence(self, table: str, confidence: float) -> float:
        table_tokens = {_singular(t) for t in name_tokens(table.rsplit(".", 1)[-1])}
        table_joined = compact(table.rsplit(".", 1)[-1])
        if table_tokens & self._lookup_tables or any(
            t in table_joined for t in self._lookup_tables if _HANGUL.search(t)
        ):
            return 0.0
        if table_tokens & self._person_tables or any(
            t in table_joined for t in self._person_tables if _HANGUL.search(t)
        ):
            return max(confidence, self._person_table_confidence)
        return confidence

    def _modified(self, match: _Match, tokens: Sequence[str], joined: str) -> bool:
        if match.end_token >= 0:
            return any(t in self._modifier_tokens for t in tokens[match.end_token :])
        tail = joined[joined.rfind(match.rule.fragment) + len(match.rule.fragment) :]
        return any(s in tail for s in self._hangul_suffixes)


def _matches(rules: Iterable[NameRule], tokens: Sequence[str], joined: str) -> Iterable[_Match]:
    windows: dict[str, int] = {}
    for start in range(len(tokens)):
        run = ""
        for end in range(start, len(tokens)):
            run += tokens[end]
            windows.setdefault(run, end + 1)
    for rule in rules:
        if rule.match == "token" and rule.fragment in windows:
            yield _Match(rule, _specificity(rule.fragment), windows[rule.fragment])
        elif (rule.match == "substring" and rule.fragment in joined) or (
            rule.match == "exact" and rule.fragment == joined
        ):
            yield _Match(rule, _specificity(rule.fragment), -1)


def _best(matches: Iterable[_Match]) -> _Match | None:
    def rank(m: _Match) -> tuple[int, int, float]:
        return (m.specificity, 1 if m.rule.entity is None else 0, m.rule.confidence)

    return max(matches, key=rank, default=None)


def _singular(token: str) -> str:
    """``patients`` -> ``patient``, ``addresses`` stays ``addresses`` (only a plain trailing s goes)."""
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


def _describe(rule: NameRule) -> str:
    return f"{rule.entity or 'negative'}/{rule.match}:{rule.fragment}"


def _dedupe(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for w in words if w))


def _require(mapping: Any, key: str, kind: type, where: str) -> Any:
    if not isinstance(mapping, dict) or not isinstance(mapping.get(key), kind):
        raise NameRulesError(f"{where}: missing or malformed {key!r} (expected a {kind.__name__})")
    return mapping[key]


def load_name_rules(path: str | None = None) -> NameRules:
    """Load a rule file; without ``path``, the shipped ``detectors/name_rules.yaml`` (cached).

    Raises:
        NameRulesError: the file is not valid YAML or an entry is malformed (the message says where).

    """
    if path is None:
        return _shipped_rules()
    with open(path, encoding="utf-8") as handle:
        return _parse(handle.read(), path)


@lru_cache(maxsize=1)
def _shipped_rules() -> NameRules:
    text = resources.files("detectors").joinpath("name_rules.yaml").read_text(encoding="utf-8")
    return _parse(text, "detectors/name_rules.yaml")


def _parse(text: str, origin: str) -> NameRules:
    try:
        # libyaml's loader where PyYAML has it: 0.09 s of every scan's first table in pure Python.
        document = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise NameRulesError(
            f"{origin}: not valid YAML ({exc}); fix the file or restore the shipped one"
        ) from exc
    if not isinstance(document, dict):
        raise NameRulesError(f"{origin}: expected a mapping with an 'entities' key")
    return NameRules(document, origin)
