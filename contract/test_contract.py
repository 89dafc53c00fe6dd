"""Tandem's two published OpenAPI documents, checked against a live server.

Generated requests (valid and invalid, fixed seed, bounded per operation) are
sent as a signed-in user (bearer token, or browser session with CSRF) and
anonymously. Every answer must be no server error and must match the document:
status code, content type, headers and body schema. Tolerated failures are
listed, each with its reason, in contract/exclusions.py.
"""

from __future__ import annotations

import os

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from contract.conftest import TOTALS
from contract.exclusions import exclusion_for
from harness.servers import REPO

SEED = 20261206
# TANDEM_CONTRACT_SURVEY=1: record every failure in test-results/ and go on.
SURVEY = os.environ.get("TANDEM_CONTRACT_SURVEY") == "1"
MAX_EXAMPLES = int(os.environ.get("TANDEM_CONTRACT_MAX_EXAMPLES", "20"))

# Every answer: no server error, and what the document says (status, type, headers, body).
CONFORMANCE = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)
CHECKS = {
    # Tandem's own API also promises its input rules: what the document allows is
    # accepted, what it forbids is refused (required fields, bounds, unknown fields, types).
    "tandem": (*CONFORMANCE, negative_data_rejection, positive_data_acceptance),
    # allauth checks the session before the input (a 401/410 for a bad token, whatever
    # the body), so only its answers are held to its document.
    "allauth": CONFORMANCE,
}


def _config() -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "no-shrink": True,
                "database": "none",
                # NUL is refused in every text field (documented in words: a pattern on a
                # 50,000-character field makes generation crawl), so it is not generated.
                "allow-x00": False,
            },
            # The bound is the number of examples, not the time: on 2 shared cores
            # generation can be slow without anything being wrong.
            "suppress-health-check": ["too_slow"],
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        }
    )


tandem = schemathesis.openapi.from_path(REPO / "openapi" / "tandem.yaml", config=_config())
allauth = schemathesis.openapi.from_path(REPO / "openapi" / "allauth.yaml", config=_config())


def _failures(error: BaseException) -> list[str]:
    if isinstance(error, BaseExceptionGroup):
        return [line for sub in error.exceptions for line in _failures(sub)]
    title = getattr(error, "title", type(error).__name__)
    message = str(getattr(error, "message", error)).strip()
    return [f"{title}: {message[:600]}" if message else title]


def _error_codes(response) -> set[str]:
    try:
        body = response.json()
    except ValueError:
        return set()
    errors = body.get("errors") if isinstance(body, dict) else None
    return {item.get("code") for item in errors or [] if isinstance(item, dict)}


def run(spec: str, case, identity) -> None:
    client = case.path_parameters.get("client") if case.path_parameters else None
    if identity.client and client in ("app", "browser"):
        case.path_parameters["client"] = identity.client
    headers = identity.prepare(case)
    response = case.call(base_url=identity.base_url, session=identity.session, headers=headers)
    TOTALS.operations.add(f"{spec} {case.operation.label}")
    TOTALS.requests += 1
    TOTALS.statuses[response.status_code] += 1
    identity.after(response)
    codes = _error_codes(response)
    failures = []
    for check in CHECKS[spec]:
        try:
            case.validate_response(response, checks=[check], headers=headers)
        except (Exception, BaseExceptionGroup) as error:
            exclusion = exclusion_for(
                spec=spec,
                method=case.method,
                path=case.path,
                check=check.__name__,
                identity=identity.name,
                codes=codes,
            )
            if exclusion is not None:
                TOTALS.excluded[exclusion.name] += 1
                continue
            failures.extend(f"[{check.__name__}] {line}" for line in _failures(error))
    if failures:
        TOTALS.failures += 1
        report = (
            f"{identity.name} {case.method} {case.formatted_path} -> {response.status_code}\n"
            + "\n".join(failures)
            + f"\nbody: {response.text[:400]}\nReproduce: {case.as_curl_command(headers=headers)}"
        )
        if SURVEY:
            TOTALS.survey.append(
                {
                    "spec": spec,
                    "identity": identity.name,
                    "operation": case.operation.label,
                    "status": response.status_code,
                    "report": report,
                }
            )
            return
        raise AssertionError(report)


@tandem.parametrize()
def test_tandem(case, identity):
    run("tandem", case, identity)


@allauth.parametrize()
def test_allauth(case, identity):
    run("allauth", case, identity)
