"""template.yaml: valid for CloudFormation and SAM, and declaring what the design asks for."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import lint_file
from newsroom_local.functions import function_specs, load_handler
from newsroom_local.template import (
    PROJECT_ROOT,
    TEMPLATE_PATH,
    PlaceholderEnvironment,
    resources_of_type,
)

from tests.cloudfront_function import (
    assert_stays_on_site,
    hostile_requests,
    random_requests,
    viewer_request_decisions,
)

SAM = PROJECT_ROOT / ".venv-sam" / "bin" / "sam"
SKIP_SAM_VARIABLE = "NEWSROOM_SKIP_SAM_VALIDATE"


def _of_type(cloudformation: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return resources_of_type(cloudformation, kind)


def _properties(cloudformation: dict[str, Any], name: str) -> dict[str, Any]:
    return cloudformation["Resources"][name]["Properties"]  # type: ignore[no-any-return]


def _ref(value: Any) -> str:
    """The logical id behind `{"Ref": X}` or `{"Fn::GetAtt": [X, ...]}`."""
    if "Ref" in value:
        return str(value["Ref"])
    return str(value["Fn::GetAtt"][0])


# ---------------------------------------------------------------- linters


def test_cfn_lint_reports_no_errors() -> None:
    matches = lint_file(TEMPLATE_PATH)
    errors = [m for m in matches if m.rule.id.startswith("E")]
    assert not errors, "\n".join(str(m) for m in errors)


def test_sam_validate_lint_passes() -> None:
    if os.environ.get(SKIP_SAM_VARIABLE) == "1":
        pytest.skip(f"{SKIP_SAM_VARIABLE}=1")
    assert SAM.exists(), f"{SAM} is missing: `make sam-cli` installs the AWS SAM CLI there"
    result = subprocess.run(
        [str(SAM), "validate", "--lint", "--template", str(TEMPLATE_PATH), "--region", "eu-west-1"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "SAM_CLI_TELEMETRY": "0", "AWS_DEFAULT_REGION": "eu-west-1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "is a valid SAM Template" in output, output


# ---------------------------------------------------------------- functions and layer


def test_the_template_declares_three_functions_on_arm64_python_313_or_newer_with_the_layer(
    cloudformation: dict[str, Any],
) -> None:
    functions = _of_type(cloudformation, "AWS::Lambda::Function")
    layers = _of_type(cloudformation, "AWS::Lambda::LayerVersion")
    assert set(functions) == {"IngestFunction", "ImagesFunction", "RenderFunction"}
    assert len(layers) == 1
    (layer_id,) = layers
    assert layers[layer_id]["Properties"]["Content"]["S3Key"] == "shared.zip"
    for name, function in functions.items():
        properties = function["Properties"]
        runtime = re.fullmatch(r"python3\.(\d+)", properties["Runtime"])
        assert runtime and int(runtime.group(1)) >= 13, f"{name}: {properties['Runtime']}"
        assert properties["Architectures"] == ["arm64"], name
        assert [_ref(layer) for layer in properties["Layers"]] == [layer_id], name
        assert properties["Handler"] == "app.handler", name


@pytest.mark.parametrize("function", ["IngestFunction", "ImagesFunction", "RenderFunction"])
def test_every_handler_imports_with_the_template_environment_without_calling_aws(
    template: dict[str, Any], function: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing listens on the discard port: a call to AWS while importing would fail.
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    spec = function_specs(template, PlaceholderEnvironment(template))[function]
    assert (spec.code_dir / f"{spec.module}.py").is_file()
    module, handler = load_handler(spec)
    assert callable(handler)
    assert module.__file__ == str(spec.code_dir / f"{spec.module}.py")


# ---------------------------------------------------------------- queues


def test_queue_event_sources_report_partial_batch_failures(
    cloudformation: dict[str, Any],
) -> None:
    mappings = _of_type(cloudformation, "AWS::Lambda::EventSourceMapping")
    consumers = {_ref(m["Properties"]["FunctionName"]) for m in mappings.values()}
    assert {"ImagesFunction", "RenderFunction"} <= consumers
    for name, mapping in mappings.items():
        assert mapping["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"], name


def test_queue_visibility_timeout_is_at_least_six_times_its_consumers_timeout(
    cloudformation: dict[str, Any],
) -> None:
    mappings = _of_type(cloudformation, "AWS::Lambda::EventSourceMapping").values()
    assert mappings
    for mapping in mappings:
        queue = _ref(mapping["Properties"]["EventSourceArn"])
        function = _ref(mapping["Properties"]["FunctionName"])
        visibility = int(_properties(cloudformation, queue).get("VisibilityTimeout", 30))
        timeout = int(_properties(cloudformation, function).get("Timeout", 3))
        assert visibility >= 6 * timeout, f"{queue}: {visibility}s for {function}'s {timeout}s"


def test_every_work_queue_redrives_to_its_own_dead_letter_queue(
    cloudformation: dict[str, Any],
) -> None:
    queues = _of_type(cloudformation, "AWS::SQS::Queue")
    work = {n: q for n, q in queues.items() if "RedrivePolicy" in q["Properties"]}
    assert {"ImagesQueue", "RenderQueue"} <= set(work)
    dead_letter = [
        _ref(q["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]) for q in work.values()
    ]
    assert len(set(dead_letter)) == len(dead_letter)
    for name, queue in work.items():
        policy = queue["Properties"]["RedrivePolicy"]
        target = _ref(policy["deadLetterTargetArn"])
        assert target in queues and "RedrivePolicy" not in queues[target]["Properties"], name
        assert 1 <= int(policy["maxReceiveCount"]) <= 10, name
        # The dead letters outlive the messages they come from.
        retention = int(queues[target]["Properties"]["MessageRetentionPeriod"])
        assert retention > int(queue["Properties"].get("MessageRetentionPeriod", 345600)), name


# ---------------------------------------------------------------- tables and buckets


def test_the_articles_table_is_on_demand_with_point_in_time_recovery(
    cloudformation: dict[str, Any],
) -> None:
    table = _properties(cloudformation, "ArticlesTable")
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True


def test_the_idempotency_table_expires_its_records(cloudformation: dict[str, Any]) -> None:
    table = _properties(cloudformation, "IdempotencyTable")
    assert table["TimeToLiveSpecification"]["Enabled"] is True
    assert table["TimeToLiveSpecification"]["AttributeName"]


def test_every_bucket_is_private_and_refuses_plain_http(cloudformation: dict[str, Any]) -> None:
    buckets = _of_type(cloudformation, "AWS::S3::Bucket")
    assert {"ContentBucket", "SiteBucket"} <= set(buckets)
    policies = {
        _ref(p["Properties"]["Bucket"]): p["Properties"]["PolicyDocument"]["Statement"]
        for p in _of_type(cloudformation, "AWS::S3::BucketPolicy").values()
    }
    for name, bucket in buckets.items():
        block = bucket["Properties"]["PublicAccessBlockConfiguration"]
        assert block == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }, name
        assert "WebsiteConfiguration" not in bucket["Properties"], name
        statements = policies.get(name, [])
        assert any(
            s["Effect"] == "Deny" and s["Condition"]["Bool"]["aws:SecureTransport"] == "false"
            for s in statements
        ), f"{name} accepts plain HTTP"
        for statement in statements:
            if statement["Effect"] == "Allow":
                assert statement["Principal"] != "*", f"{name} is readable by anyone"


# ---------------------------------------------------------------- CloudFront


def test_cloudfront_serves_the_private_site_bucket_through_origin_access_control(
    cloudformation: dict[str, Any],
) -> None:
    config = _properties(cloudformation, "SiteDistribution")["DistributionConfig"]
    (origin,) = config["Origins"]
    assert _ref(origin["DomainName"]) == "SiteBucket"
    assert _ref(origin["OriginAccessControlId"]) == "SiteOriginAccessControl"
    assert origin["S3OriginConfig"]["OriginAccessIdentity"] == ""
    control = _properties(cloudformation, "SiteOriginAccessControl")["OriginAccessControlConfig"]
    assert control["OriginAccessControlOriginType"] == "s3"
    assert control["SigningBehavior"] == "always"
    behaviour = config["DefaultCacheBehavior"]
    assert behaviour["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behaviour["Compress"] is True
    (association,) = behaviour["FunctionAssociations"]
    assert association["EventType"] == "viewer-request"
    assert _ref(association["FunctionARN"]) == "DirectoryIndexFunction"


def _directory_index_code(template: dict[str, Any]) -> str:
    function = template["Resources"]["DirectoryIndexFunction"]["Properties"]
    assert function["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"
    return str(function["FunctionCode"])


def test_the_viewer_request_function_serves_directory_indexes(template: dict[str, Any]) -> None:
    folder, bare, asset, bare_with_query, root = viewer_request_decisions(
        _directory_index_code(template),
        [
            ("/a/b/", []),
            ("/a/b", []),
            ("/style.css", []),
            ("/tin-tuc/bai-viet", [("utm", "zalo")]),
            ("/", []),
        ],
    )
    assert folder == {"uri": "/a/b/index.html"}
    assert bare == {"status": 301, "location": "/a/b/", "cache": "public, max-age=3600"}
    assert asset == {"uri": "/style.css"}
    assert bare_with_query["location"] == "/tin-tuc/bai-viet/?utm=zalo"
    assert root == {"uri": "/index.html"}


def test_every_redirect_of_the_viewer_request_function_stays_on_the_site(
    template: dict[str, Any],
) -> None:
    cases = hostile_requests() + random_requests(400, seed=20261129)
    decisions = viewer_request_decisions(_directory_index_code(template), cases)
    redirects = [d["location"] for d in decisions if "location" in d]
    assert len(redirects) > len(cases) // 2
    for location in redirects:
        assert_stays_on_site(location)


def test_hostile_paths_and_queries_are_redirected_on_the_site_with_their_escapes_kept(
    template: dict[str, Any],
) -> None:
    cases: list[tuple[str, list[tuple[str, str]]]] = [
        ("//evil.example/x", []),
        ("/\\\\evil", []),
        ("/%2F%2Fevil.example/x", []),
        ("/%5Cevil.example/x", []),
        ("/tin-tuc", [("x", "%0d%0aSet-Cookie:%20a=b")]),
        ("/tin-tuc", [("x", "\r\nSet-Cookie: a=b")]),
        ("/tin-tuc", [("q", "Công Thương"), ("trang", "2"), ("q", "C%C3%B4ng")]),
        ("/tin-tuc", [("next", "//evil.example")]),
        ("/" + "a" * 9000, [("x", "1")]),
        ("/\\evil.example", []),
    ]
    locations = [
        d.get("location") for d in viewer_request_decisions(_directory_index_code(template), cases)
    ]
    assert locations == [
        "/evil.example/x/",
        "/%5C%5Cevil/",
        "/%2F%2Fevil.example/x/",
        "/%5Cevil.example/x/",
        "/tin-tuc/?x=%0d%0aSet-Cookie:%20a%3Db",
        "/tin-tuc/?x=%0D%0ASet-Cookie:%20a%3Db",
        "/tin-tuc/?q=C%C3%B4ng%20Th%C6%B0%C6%A1ng&q=C%C3%B4ng&trang=2",
        "/tin-tuc/?next=//evil.example",
        "/" + "a" * 9000 + "/?x=1",
        None,  # a dot in the last segment: passed on to the bucket, which has no such key
    ]


def test_the_cloudfront_function_tests_fail_without_node(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match=r"Node\.js \(`node` on PATH\) is needed"):
        viewer_request_decisions("function handler(event) { return event.request; }", [])


# ---------------------------------------------------------------- outputs


def test_outputs_name_the_api_the_site_the_buckets_and_the_queues(
    template: dict[str, Any],
) -> None:
    outputs = template["Outputs"]
    for name in (
        "ApiUrl",
        "SiteUrl",
        "ContentBucketName",
        "SiteBucketName",
        "ImagesQueueName",
        "RenderQueueName",
    ):
        assert name in outputs, name
    assert set(resources_of_type(template, "AWS::Serverless::Function")) == {
        "IngestFunction",
        "ImagesFunction",
        "RenderFunction",
    }
