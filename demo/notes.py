"""Korean free text: consultation notes that mention names, phones and procedures (a few an RRN), chart memos.

A scanner must find personal data inside free text even when only a few percent of the cells hold it, so
the share of notes with an RRN is small on purpose. The generator reports how many notes carry each kind
of value, never the values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from demo.vocab.medical import ANESTHESIA, CONCERNS, HISTORIES, KCD_CODES, PROCEDURES, SYMPTOMS
from demo.vocab.texts import CHART_TEMPLATES, CONSULT_RRN_TEMPLATES, CONSULT_TEMPLATES, SURGERY_NOTES

KCD_NAMES = {k.code: k.name_ko for k in KCD_CODES}
RRN_NOTE_RATIO = 0.03


@dataclass
class Notes:
    """Generated notes and how many of them carry a name, a phone number, an RRN."""

    texts: list[str]
    with_name: int
    with_phone: int
    with_rrn: int


def _idx(rng: np.random.Generator, size: int, n: int) -> list[int]:
    return rng.integers(0, size, n).tolist()


def consultation_notes(
    rng: np.random.Generator,
    names: list[str],
    phones: list[str],
    rrns: list[str],
    procedures: list[int],
    dates: list[str],
) -> Notes:
    """One note per consultation, about the given person and procedure (index into PROCEDURES)."""
    n = len(names)
    use_rrn = (rng.random(n) < RRN_NOTE_RATIO).tolist()
    plain = _idx(rng, len(CONSULT_TEMPLATES), n)
    with_rrn = _idx(rng, len(CONSULT_RRN_TEMPLATES), n)
    second = _idx(rng, len(PROCEDURES), n)
    concern, history, symptom = (_idx(rng, len(v), n) for v in (CONCERNS, HISTORIES, SYMPTOMS))
    texts: list[str] = []
    counts = {"name": 0, "phone": 0, "rrn": 0}
    for i in range(n):
        template = CONSULT_RRN_TEMPLATES[with_rrn[i]] if use_rrn[i] else CONSULT_TEMPLATES[plain[i]]
        proc = PROCEDURES[procedures[i]]
        texts.append(
            template.format(
                name=names[i],
                phone=phones[i],
                rrn=rrns[i],
                proc=proc.name,
                proc2=PROCEDURES[second[i]].name,
                price=proc.price_manwon,
                concern=CONCERNS[concern[i]],
                history=HISTORIES[history[i]],
                symptom=SYMPTOMS[symptom[i]],
                date=dates[i],
            )
        )
        for key in counts:
            counts[key] += "{" + key + "}" in template
    return Notes(texts, counts["name"], counts["phone"], counts["rrn"])


def chart_memos(rng: np.random.Generator, procedures: list[int | None], kcd_codes: list[str]) -> list[str]:
    """SOAP-style chart memos for medical records: diagnoses, procedures and histories, no identifiers."""
    n = len(kcd_codes)
    template = _idx(rng, len(CHART_TEMPLATES), n)
    concern, history, symptom = (_idx(rng, len(v), n) for v in (CONCERNS, HISTORIES, SYMPTOMS))
    out = []
    for i in range(n):
        p = procedures[i]
        proc_name = PROCEDURES[p].name if p is not None else "경과 관찰"
        out.append(
            CHART_TEMPLATES[template[i]].format(
                concern=CONCERNS[concern[i]],
                symptom=SYMPTOMS[symptom[i]],
                history=HISTORIES[history[i]],
                kcd=kcd_codes[i],
                diagnosis=KCD_NAMES[kcd_codes[i]],
                proc=proc_name,
            )
        )
    return out


def surgery_notes(rng: np.random.Generator, procedures: list[int]) -> list[str]:
    """Operative notes: anaesthesia, procedure, course."""
    n = len(procedures)
    template = _idx(rng, len(SURGERY_NOTES), n)
    anesthesia = _idx(rng, len(ANESTHESIA), n)
    return [
        SURGERY_NOTES[template[i]].format(anesthesia=ANESTHESIA[anesthesia[i]], proc=PROCEDURES[p].name)
        for i, p in enumerate(procedures)
    ]
