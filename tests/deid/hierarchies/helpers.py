from datetime import date
from typing import Any

import pandas as pd

from deid.encode import encode_qi
from deid.hierarchies import PrepareContext, get_hierarchy


def generalize(
    name: str,
    values: list[Any],
    level: str,
    options: dict[str, Any] | None = None,
    extra: dict[str, list[Any]] | None = None,
    reference: date = date(2025, 1, 1),
) -> list[Any]:
    """Return labels of ``values`` at ``level`` of hierarchy ``name``, through the encoder."""
    h = get_hierarchy(name)
    assert h is not None
    opts = h.Options.model_validate(options or {})
    frame = pd.DataFrame({"v": pd.Series(values, dtype=object), **(extra or {})})
    ctx = PrepareContext(frame=frame, source="v", output="v", options=opts, reference_date=reference)
    enc = encode_qi("v", h, opts, h.prepare(ctx).reset_index(drop=True), (0, len(h.all_level_names()) - 1))
    out = enc.values(enc.level_names.index(level)).tolist()
    return [None if pd.isna(v) else v for v in out]
