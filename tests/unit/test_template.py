"""template.yaml: valid for CloudFormation and SAM, and declaring what the design asks for."""

from __future__ import annotations

import json
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
from tests.sam import broken_rules, deployed, translate

SAM = PROJECT_ROOT / ".venv-sam" / "bin" / "sam"
SKIP_SAM_VARIABLE = "NEWSROOM_SKIP_SAM_VALIDATE"

SITE_DOMAIN = "tintuc.example.gov.vn"
SITE_CERTIFICATE = (
    "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666"
)
API_CERTIFICATE = (
    "arn:aws:acm:eu-west-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-777788889999"
)
HOSTED_ZONE = "Z0123456789ABCDEFGHIJ"
# The parameters of an office that announces its own address (docs/deploy.md).
WITH_DOMAIN = {
    "SiteDomainName": SITE_DOMAIN,
    "SiteCertificateArn": SITE_CERTIFICATE,
    "ApiCertificateArn": API_CERTIFICATE,
    "HostedZoneId": HOSTED_ZONE,
}
CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2"  # the alias zone of every CloudFront distribution


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


def _with_defaults(template: dict[str, Any], values: dict[str, str], folder: Path) -> Path:
    """A copy of the template (JSON, next to nothing else) whose parameters default to
    `values`: what the linters see of a stack deployed with them."""
    changed = json.loads(json.dumps(template))
    for name, value in values.items():
        changed["Parameters"][name]["Default"] = value
    path = folder / "template.json"
    path.write_text(json.dumps(changed, indent=1), encoding="utf-8")
    return path


def test_cfn_lint_reports_nothing_for_a_stack_with_a_domain_and_snapstart(
    template: dict[str, Any], tmp_path: Path
) -> None:
    path = _with_defaults(template, {**WITH_DOMAIN, "ApiSnapStart": "Enabled"}, tmp_path)
    matches = lint_file(path)
    assert not matches, "\n".join(str(m) for m in matches)


@pytest.mark.parametrize("parameters", [{}, {**WITH_DOMAIN, "ApiSnapStart": "Enabled"}])
def test_sam_validate_lint_passes(
    template: dict[str, Any], parameters: dict[str, str], tmp_path: Path
) -> None:
    if os.environ.get(SKIP_SAM_VARIABLE) == "1":
        pytest.skip(f"{SKIP_SAM_VARIABLE}=1")
    assert SAM.exists(), f"{SAM} is missing: `make sam-cli` installs the AWS SAM CLI there"
    path = _with_defaults(template, parameters, tmp_path) if parameters else TEMPLATE_PATH
    result = subprocess.run(
        [str(SAM), "validate", "--lint", "--template", str(path), "--region", "eu-west-1"],
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
        if cloudformation["Resources"][function]["Type"] == "AWS::Lambda::Alias":
            function = _ref(_properties(cloudformation, function)["FunctionName"])
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


def test_every_table_can_be_restored_to_any_second_of_the_last_35_days(
    cloudformation: dict[str, Any],
) -> None:
    tables = _of_type(cloudformation, "AWS::DynamoDB::Table")
    assert {"ArticlesTable", "IdempotencyTable"} <= set(tables)
    for name, table in tables.items():
        recovery = table["Properties"].get("PointInTimeRecoverySpecification", {})
        assert recovery.get("PointInTimeRecoveryEnabled") is True, name


def test_the_content_bucket_keeps_earlier_versions_of_every_photo(
    cloudformation: dict[str, Any],
) -> None:
    bucket = _properties(cloudformation, "ContentBucket")
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    rules = bucket["LifecycleConfiguration"]["Rules"]
    kept = [r["NoncurrentVersionExpiration"]["NoncurrentDays"] for r in rules
            if "NoncurrentVersionExpiration" in r]  # fmt: skip
    assert kept and kept[0] >= 30


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
    # The site's bucket, and the desk's beside it (tests/unit/test_desk_hosting.py).
    origins = {o["Id"]: o for o in config["Origins"]}
    assert set(origins) == {"SiteBucket", "DeskBucket"}
    origin = origins["SiteBucket"]
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
        "DeskUrl",
        "UserPoolId",
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


# ---------------------------------------------------------------- the site's own domain


def _environment(stack: dict[str, Any], function: str) -> dict[str, Any]:
    return stack["Resources"][function]["Properties"]["Environment"]["Variables"]  # type: ignore[no-any-return]


def _outputs(stack: dict[str, Any]) -> dict[str, Any]:
    return {name: output["Value"] for name, output in stack["Outputs"].items()}


def _domain_resources(stack: dict[str, Any]) -> set[str]:
    kinds = {
        "AWS::ApiGatewayV2::DomainName",
        "AWS::ApiGatewayV2::ApiMapping",
        "AWS::Route53::RecordSetGroup",
        "AWS::Route53::RecordSet",
    }
    return {name for name, r in stack["Resources"].items() if r["Type"] in kinds}


def test_without_a_domain_the_site_and_the_api_keep_their_aws_names(
    cloudformation: dict[str, Any],
) -> None:
    stack = deployed(cloudformation)
    config = _properties(stack, "SiteDistribution")["DistributionConfig"]
    assert "Aliases" not in config
    assert config["ViewerCertificate"] == {
        "CloudFrontDefaultCertificate": True,
        "MinimumProtocolVersion": "TLSv1.2_2021",
    }
    assert not _domain_resources(stack)
    cloudfront = {"Fn::Sub": "https://${SiteDistribution.DomainName}"}
    for function in ("IngestFunction", "ImagesFunction", "RenderFunction"):
        assert _environment(stack, function)["SITE_BASE_URL"] == cloudfront, function
    outputs = _outputs(stack)
    assert outputs["SiteUrl"] == cloudfront
    assert outputs["DeskUrl"] == {"Fn::Sub": "https://${SiteDistribution.DomainName}/desk/"}
    assert outputs["ApiUrl"] == {
        "Fn::Sub": "https://${HttpApi}.execute-api.eu-west-1.amazonaws.com"
    }
    assert "ApiDomainTarget" not in outputs


def test_with_a_domain_pages_feeds_and_sitemaps_link_to_it_and_cloudfront_answers_for_it(
    template: dict[str, Any],
) -> None:
    stack = deployed(translate(template, WITH_DOMAIN), WITH_DOMAIN)
    for function in ("IngestFunction", "ImagesFunction", "RenderFunction"):
        assert _environment(stack, function)["SITE_BASE_URL"] == f"https://{SITE_DOMAIN}"
    config = _properties(stack, "SiteDistribution")["DistributionConfig"]
    assert config["Aliases"] == [SITE_DOMAIN]
    assert config["ViewerCertificate"] == {
        "AcmCertificateArn": SITE_CERTIFICATE,
        "SslSupportMethod": "sni-only",
        "MinimumProtocolVersion": "TLSv1.2_2021",
    }
    records = _properties(stack, "SiteRecords")
    assert records["HostedZoneId"] == HOSTED_ZONE
    assert [(r["Name"], r["Type"]) for r in records["RecordSets"]] == [
        (SITE_DOMAIN, "A"),
        (SITE_DOMAIN, "AAAA"),
    ]
    for record in records["RecordSets"]:
        assert record["AliasTarget"] == {
            "DNSName": {"Fn::GetAtt": ["SiteDistribution", "DomainName"]},
            "HostedZoneId": CLOUDFRONT_ZONE,
        }
    outputs = _outputs(stack)
    assert outputs["SiteUrl"] == f"https://{SITE_DOMAIN}"
    assert outputs["DeskUrl"] == f"https://{SITE_DOMAIN}/desk/"


def test_with_a_domain_the_api_answers_at_api_dot_the_domain_with_its_regional_certificate(
    template: dict[str, Any],
) -> None:
    stack = deployed(translate(template, WITH_DOMAIN), WITH_DOMAIN)
    domain = _properties(stack, "ApiDomain")
    assert domain == {
        "DomainName": f"api.{SITE_DOMAIN}",
        "DomainNameConfigurations": [
            {
                "CertificateArn": API_CERTIFICATE,
                "EndpointType": "REGIONAL",
                "SecurityPolicy": "TLS_1_2",
            }
        ],
    }
    mapping = _properties(stack, "ApiDomainMapping")
    assert _ref(mapping["DomainName"]) == "ApiDomain"
    assert _ref(mapping["ApiId"]) == "HttpApi"
    stage = _ref(mapping["Stage"])
    assert stack["Resources"][stage]["Type"] == "AWS::ApiGatewayV2::Stage"
    assert _ref(stack["Resources"][stage]["Properties"]["ApiId"]) == "HttpApi"
    (record,) = _properties(stack, "ApiDomainRecords")["RecordSets"]
    assert record["Type"] == "A"
    assert record["AliasTarget"] == {
        "DNSName": {"Fn::GetAtt": ["ApiDomain", "RegionalDomainName"]},
        "HostedZoneId": {"Fn::GetAtt": ["ApiDomain", "RegionalHostedZoneId"]},
    }
    assert _outputs(stack)["ApiUrl"] == f"https://api.{SITE_DOMAIN}"


def test_the_api_host_name_can_be_named_and_dns_left_to_the_office(
    template: dict[str, Any],
) -> None:
    parameters = {**WITH_DOMAIN, "ApiDomainName": "bientap.example.gov.vn", "HostedZoneId": ""}
    stack = deployed(translate(template, parameters), parameters)
    assert _properties(stack, "ApiDomain")["DomainName"] == "bientap.example.gov.vn"
    assert _domain_resources(stack) == {"ApiDomain", "ApiDomainMapping"}  # no records
    outputs = _outputs(stack)
    assert outputs["ApiUrl"] == "https://bientap.example.gov.vn"
    assert outputs["ApiDomainTarget"] == {"Fn::GetAtt": ["ApiDomain", "RegionalDomainName"]}
    assert outputs["DistributionDomainName"] == {"Fn::GetAtt": ["SiteDistribution", "DomainName"]}


def test_a_site_domain_without_an_api_certificate_leaves_the_api_at_its_aws_name(
    template: dict[str, Any],
) -> None:
    parameters = {**WITH_DOMAIN, "ApiCertificateArn": ""}
    stack = deployed(translate(template, parameters), parameters)
    assert _domain_resources(stack) == {"SiteRecords"}  # no API domain, mapping or record
    assert _outputs(stack)["ApiUrl"] == {
        "Fn::Sub": "https://${HttpApi}.execute-api.eu-west-1.amazonaws.com"
    }


@pytest.mark.parametrize(
    ("parameters", "refused"),
    [
        ({"SiteDomainName": SITE_DOMAIN}, "SiteDomainName needs SiteCertificateArn"),
        ({"SiteCertificateArn": SITE_CERTIFICATE}, "SiteCertificateArn is for SiteDomainName"),
        ({"ApiDomainName": "api.example.gov.vn"}, "ApiDomainName needs ApiCertificateArn"),
        ({"ApiCertificateArn": API_CERTIFICATE}, "ApiCertificateArn needs ApiDomainName"),
    ],
)
def test_cloudformation_refuses_a_domain_without_its_certificate_before_creating_anything(
    template: dict[str, Any], parameters: dict[str, str], refused: str
) -> None:
    (broken,) = broken_rules(template, parameters)
    assert refused in broken
    assert not broken_rules(template, {})
    assert not broken_rules(template, WITH_DOMAIN)


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("SiteDomainName", "Tin Tuc.example"),
        ("SiteCertificateArn", API_CERTIFICATE),  # not in us-east-1: CloudFront cannot use it
        ("HostedZoneId", "example.gov.vn"),
        ("SiteWebAclArn", "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/1"),
    ],
)
def test_parameters_refuse_values_of_the_wrong_shape(
    template: dict[str, Any], parameter: str, value: str
) -> None:
    pattern = template["Parameters"][parameter]["AllowedPattern"]
    assert re.fullmatch(pattern, "")
    assert not re.fullmatch(pattern, value)
    assert all(re.fullmatch(template["Parameters"][p]["AllowedPattern"], v)
               for p, v in WITH_DOMAIN.items())  # fmt: skip


# ---------------------------------------------------------------- the API's cold starts


def _ingest_alias(stack: dict[str, Any]) -> str:
    (alias,) = (
        name
        for name, r in stack["Resources"].items()
        if r["Type"] == "AWS::Lambda::Alias"
        and _ref(r["Properties"]["FunctionName"]) == "IngestFunction"
    )
    return str(alias)


@pytest.mark.parametrize(
    ("setting", "apply_on"), [("Disabled", "None"), ("Enabled", "PublishedVersions")]
)
def test_snapstart_follows_its_parameter_and_the_api_calls_a_published_version(
    template: dict[str, Any], setting: str, apply_on: str
) -> None:
    parameters = {"ApiSnapStart": setting}
    stack = deployed(translate(template, parameters), parameters)
    ingest = _properties(stack, "IngestFunction")
    assert ingest["SnapStart"] == {"ApplyOn": apply_on}
    alias = _ingest_alias(stack)
    properties = _properties(stack, alias)
    assert properties["Name"] == "live"
    version = stack["Resources"][_ref(properties["FunctionVersion"])]
    assert version["Type"] == "AWS::Lambda::Version"
    # Every route of the API is integrated with the alias, never with $LATEST.
    paths = _properties(stack, "HttpApi")["Body"]["paths"]
    uris = [
        operation["x-amazon-apigateway-integration"]["uri"]["Fn::Sub"]
        for operations in paths.values()
        for operation in operations.values()
    ]
    assert len(uris) >= 15
    assert all(f"${{{alias}}}/invocations" in uri for uri in uris), uris
    permissions = [
        p["Properties"] for p in _of_type(stack, "AWS::Lambda::Permission").values()
        if p["Properties"]["Principal"] == "apigateway.amazonaws.com"
    ]  # fmt: skip
    assert permissions and all(_ref(p["FunctionName"]) == alias for p in permissions)
    # Due publications come through the queue to the same alias.
    sources = [
        m["Properties"] for m in _of_type(stack, "AWS::Lambda::EventSourceMapping").values()
        if _ref(m["Properties"]["EventSourceArn"]) == "PublishQueue"
    ]  # fmt: skip
    assert [_ref(s["FunctionName"]) for s in sources] == [alias]


def test_a_new_layer_publishes_a_new_version_of_the_api(template: dict[str, Any]) -> None:
    def version(stack: dict[str, Any]) -> str:
        return _ref(_properties(stack, _ingest_alias(stack))["FunctionVersion"])

    def built(key: str) -> dict[str, Any]:  # as `sam package` uploads a build of the layer
        changed = json.loads(json.dumps(template))
        content = {"Bucket": "newsroom-artifacts", "Key": key}
        changed["Resources"]["SharedLayer"]["Properties"]["ContentUri"] = content
        return translate(changed)

    before, after = built("5b1e0c4f.zip"), built("9d27aa31.zip")
    layer_before = next(iter(_of_type(before, "AWS::Lambda::LayerVersion")))
    layer_after = next(iter(_of_type(after, "AWS::Lambda::LayerVersion")))
    assert layer_before != layer_after
    assert version(before) != version(after)


# ---------------------------------------------------------------- protection


def test_the_api_throttles_every_route_with_the_parameters_defaults(
    template: dict[str, Any], cloudformation: dict[str, Any]
) -> None:
    parameters = template["Parameters"]
    assert int(parameters["ApiThrottlingRateLimit"]["Default"]) == 20
    assert int(parameters["ApiThrottlingBurstLimit"]["Default"]) == 50
    stack = deployed(cloudformation)
    (stage,) = _of_type(stack, "AWS::ApiGatewayV2::Stage").values()
    assert stage["Properties"]["DefaultRouteSettings"] == {
        "ThrottlingBurstLimit": "50",
        "ThrottlingRateLimit": "20",
    }
    tighter = {"ApiThrottlingRateLimit": "5", "ApiThrottlingBurstLimit": "10"}
    stack = deployed(translate(template, tighter), tighter)
    (stage,) = _of_type(stack, "AWS::ApiGatewayV2::Stage").values()
    assert stage["Properties"]["DefaultRouteSettings"] == {
        "ThrottlingBurstLimit": "10",
        "ThrottlingRateLimit": "5",
    }


def test_web_acls_are_attached_only_when_given_and_never_to_the_http_api(
    template: dict[str, Any], cloudformation: dict[str, Any]
) -> None:
    stack = deployed(cloudformation)
    assert "WebACLId" not in _properties(stack, "SiteDistribution")["DistributionConfig"]
    assert not _of_type(stack, "AWS::WAFv2::WebACLAssociation")
    site_acl = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/newsroom/0f0e0d0c"
    sign_in_acl = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/editors/0f0e0d0d"
    parameters = {"SiteWebAclArn": site_acl, "SignInWebAclArn": sign_in_acl}
    stack = deployed(translate(template, parameters), parameters)
    assert _properties(stack, "SiteDistribution")["DistributionConfig"]["WebACLId"] == site_acl
    (association,) = _of_type(stack, "AWS::WAFv2::WebACLAssociation").values()
    assert association["Properties"] == {
        "ResourceArn": {"Fn::GetAtt": ["UserPool", "Arn"]},
        "WebACLArn": sign_in_acl,
    }
    # AWS WAF protects REST APIs, not HTTP APIs: an association with the API's stage
    # would fail the deploy.
    assert _of_type(stack, "AWS::ApiGatewayV2::Api")


def test_cloudfront_logs_every_request_to_a_bucket_of_their_own_that_forgets_them(
    template: dict[str, Any], cloudformation: dict[str, Any]
) -> None:
    config = _properties(cloudformation, "SiteDistribution")["DistributionConfig"]
    logging = config["Logging"]
    assert logging["Bucket"] == {"Fn::GetAtt": ["SiteLogBucket", "DomainName"]}
    assert logging["IncludeCookies"] is False
    bucket = _properties(deployed(cloudformation), "SiteLogBucket")
    # CloudFront's standard logging writes with an ACL: the bucket must accept ACLs.
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerPreferred"}]
    (rule,) = bucket["LifecycleConfiguration"]["Rules"]
    assert rule["Status"] == "Enabled"
    assert rule["ExpirationInDays"] == "90"  # AccessLogRetentionDays
    # SSE-KMS is not for CloudFront's logs: S3's own keys.
    (encryption,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
