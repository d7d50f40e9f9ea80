import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deid.errors import DeidKeyError
from deid.keys import resolve_key
from deid.pseudonym import keyed_offsets, pseudonymize
from tests.deid.conftest import KEY, OTHER_KEY

IDS = pd.Series(["P00001", "P00002", "P00001", None, "P00003"])


def test_same_key_gives_same_pseudonyms_across_runs():
    first, second = pseudonymize(IDS, KEY), pseudonymize(IDS.copy(), KEY)
    assert first.equals(second)
    assert first[0] == first[2]
    assert first[0] != first[1]


def test_other_key_gives_unrelated_pseudonyms():
    mine, theirs = pseudonymize(IDS, KEY), pseudonymize(IDS, OTHER_KEY)
    assert not set(mine.dropna()) & set(theirs.dropna())


def test_pseudonym_is_hmac_not_plain_hash():
    import hashlib
    import hmac

    assert pseudonymize(pd.Series(["P00001"]), KEY)[0] == hmac.new(KEY, b"P00001", hashlib.sha256).hexdigest()
    assert pseudonymize(pd.Series(["P00001"]), KEY)[0] != hashlib.sha256(b"P00001").hexdigest()


def test_missing_stays_missing_and_shape_is_64_hex():
    out = pseudonymize(IDS, KEY)
    assert out.isna().tolist() == [False, False, False, True, False]
    assert all(re.fullmatch(r"[0-9a-f]{64}", v) for v in out.dropna())


@pytest.mark.parametrize("values", [["1234", 1234, 1234.0, " 1234 "]])
def test_one_value_in_several_spellings_gives_one_pseudonym(values):
    assert pseudonymize(pd.Series(values, dtype=object), KEY).nunique() == 1


def test_length_and_namespace():
    short = pseudonymize(IDS, KEY, length=16)
    assert all(len(v) == 16 for v in short.dropna())
    assert pseudonymize(IDS, KEY, namespace="study-a")[0] != pseudonymize(IDS, KEY)[0]


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=30))
def test_pseudonyms_are_deterministic_and_injective_on_samples(values):
    out = pseudonymize(pd.Series(values, dtype=object), KEY)
    assert out.tolist() == pseudonymize(pd.Series(values, dtype=object), KEY).tolist()
    assert out.nunique() == len({v.strip() for v in values})


def test_no_key_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("CLINICSCAN_DEID_KEY", raising=False)
    with pytest.raises(
        DeidKeyError, match=r"deid.yaml: .*\$CLINICSCAN_DEID_KEY is not set.*export CLINICSCAN_DEID_KEY"
    ):
        resolve_key()


@pytest.mark.parametrize("key", ["short", b"0123456789abcde"])
def test_short_key_is_refused(key):
    with pytest.raises(DeidKeyError, match="fewer than 16"):
        resolve_key(key=key)


def test_key_from_environment_and_from_bytes(monkeypatch):
    monkeypatch.setenv("MY_STUDY_KEY", KEY.decode())
    assert resolve_key("MY_STUDY_KEY") == KEY
    assert resolve_key("UNSET_VARIABLE_X", key=OTHER_KEY) == OTHER_KEY


@given(st.integers(min_value=1, max_value=400))
def test_date_offsets_are_stable_nonzero_and_bounded(max_days):
    patients = pd.Series(["P1", "P2", "P1", "P3"])
    offsets = keyed_offsets(patients, KEY, max_days)
    assert offsets[0] == offsets[2]
    assert all(0 < abs(int(o)) <= max_days for o in offsets)
    assert offsets.tolist() == keyed_offsets(patients, KEY, max_days).tolist()
