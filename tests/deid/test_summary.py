"""build_report takes one typed input (ReportInput) and gives the same report the pipeline writes."""

from deid.metrics import achieved
from deid.pipeline import RunOptions, deidentify
from deid.prepare import encode_quasi_identifiers, encode_sensitive, patient_series
from deid.privacy import SearchData, Targets
from deid.search import search
from deid.summary import ReportInput, build_report
from tests.deid.conftest import KEY, spec_with


def test_report_input_gives_the_pipelines_report(visits):
    spec = spec_with(priority=["procedure"])
    data = SearchData.build(
        encode_quasi_identifiers(spec, visits, KEY),
        encode_sensitive(spec, visits),
        patient_series(spec, visits),
    )
    result = search(data, Targets(5, 2, None, int(0.05 * len(visits))))
    report = build_report(ReportInput(spec, data, result, achieved(data, result.classes, 0.2), len(visits)))
    piped = deidentify(spec, visits, RunOptions(key=KEY, scan_output=False)).report
    assert report == piped
    assert report.residual_findings == [] and report.free_text == {}
    assert report.utility.weights["procedure"] == 5
