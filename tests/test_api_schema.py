"""The API description says what the API does: schemathesis generates requests from ``/openapi.json`` and
checks every answer against it (no 5xx, documented status codes, content types and bodies), for valid
requests and for invalid ones (which must be refused with a 4xx), over a real uvicorn server. The one check
left out is that every schema-valid request is accepted: a SPARQL query must also parse, and a name exist. (Its pytest plugin does not run under pytest 9 yet, so the operations are driven here.)"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from pathlib import Path

import pytest
import schemathesis
from api_server import serve_store
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

EXAMPLES = 30  # per operation: enough to try every parameter's edges, bounded for the suite's time


@pytest.fixture(scope="module")
def base_url(built_store_dir: Path) -> Iterator[str]:
    with serve_store(built_store_dir, query_timeout_s=5.0) as url:
        yield url


@pytest.mark.slow
def test_every_answer_keeps_to_the_api_description(base_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    failures: dict[str, str] = {}
    operations = 0
    calls: list[str] = []
    for result, mode in product(
        schema.get_all_operations(), (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ):
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            calls.append(case.operation.label)
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Unsatisfiable:
            continue  # no invalid request can be made (no parameters, or only free text)
        except (Exception, BaseExceptionGroup) as e:  # noqa: BLE001 - every operation tried, all failures reported
            failures[f"{operation.label} ({mode.value})"] = f"{type(e).__name__}: {e}"[:3000]
    print(f"schemathesis: {operations} operation-modes, {len(calls)} requests, {len(failures)} failing")
    assert operations >= 20
    assert not failures, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())
