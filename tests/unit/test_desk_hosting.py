"""The desk on AWS, as the template serves it: its own private bucket behind the site's
distribution at /desk/* (readers' paths untouched), index.html for the desk's own
addresses (a CloudFront Function whose twin serves the desk locally), caching decided
by the files themselves, and the same Content-Security-Policy as the local desk's."""

from __future__ import annotations

from typing import Any

import pytest
from newsroom_local.desk import content_security_policy, desk_config, desk_uri
from newsroom_local.template import load_template

from tests.cloudfront_function import viewer_request_decisions
from tests.sam import deployed, translate

PATHS = [
    "/desk/",
    "/desk/index.html",
    "/desk/config.json",
    "/desk/assets/desk-AJ7UCX7L.js",
    "/desk/assets/chunk-AABKDA3B.js.LEGAL.txt",
    "/desk/bai/01jdq2x3y4z5a6b7c8d9e0f1g2",
    "/desk/phien-ban",
    "/desk/assets/",
    "/desk/a.b/c",
]


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


def _distribution(template: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = template["Resources"]["SiteDistribution"]["Properties"][
        "DistributionConfig"
    ]
    return config


def test_the_desk_is_served_from_its_bucket_at_desk_only(template: dict[str, Any]) -> None:
    config = _distribution(template)
    (behaviour,) = config["CacheBehaviors"]
    assert behaviour["PathPattern"] == "/desk/*"
    assert behaviour["TargetOriginId"] == "DeskBucket"
    assert behaviour["ViewerProtocolPolicy"] == "redirect-to-https"
    assert behaviour["AllowedMethods"] == ["GET", "HEAD"]
    assert behaviour["CachePolicyId"] == {"Ref": "DeskCachePolicy"}
    assert behaviour["ResponseHeadersPolicyId"] == {"Ref": "DeskResponseHeadersPolicy"}
    (function,) = behaviour["FunctionAssociations"]
    assert function["FunctionARN"]["Fn::GetAtt"][0] == "DeskIndexFunction"
    origin = next(o for o in config["Origins"] if o["Id"] == "DeskBucket")
    assert origin["DomainName"] == {"Fn::GetAtt": ["DeskBucket", "RegionalDomainName"]}
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["SiteOriginAccessControl", "Id"]}
    # Readers' paths keep the site's own behaviour.
    default = config["DefaultCacheBehavior"]
    assert default["TargetOriginId"] == "SiteBucket"
    assert default["ResponseHeadersPolicyId"] == {"Ref": "SiteResponseHeadersPolicy"}


def test_cloudfront_reads_the_desk_and_nobody_else(template: dict[str, Any]) -> None:
    statements = template["Resources"]["DeskBucketPolicy"]["Properties"]["PolicyDocument"][
        "Statement"
    ]
    allowed = [s for s in statements if s["Effect"] == "Allow"]
    assert [s["Principal"] for s in allowed] == [{"Service": "cloudfront.amazonaws.com"}]
    assert allowed[0]["Resource"] == {"Fn::Sub": "${DeskBucket.Arn}/desk/*"}
    assert "SiteDistribution" in allowed[0]["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]


def test_the_desks_files_decide_how_long_they_are_kept(template: dict[str, Any]) -> None:
    policy = template["Resources"]["DeskCachePolicy"]["Properties"]["CachePolicyConfig"]
    assert (policy["MinTTL"], policy["DefaultTTL"], policy["MaxTTL"]) == (0, 0, 31536000)
    keys = policy["ParametersInCacheKeyAndForwardedToOrigin"]
    assert keys["CookiesConfig"]["CookieBehavior"] == "none"
    assert keys["QueryStringsConfig"]["QueryStringBehavior"] == "none"


def test_the_function_serves_the_desks_addresses_as_its_local_twin(
    template: dict[str, Any],
) -> None:
    code = template["Resources"]["DeskIndexFunction"]["Properties"]["FunctionCode"]
    decided = viewer_request_decisions(code, [(path, []) for path in PATHS])
    assert [d["uri"] for d in decided] == [desk_uri(path) for path in PATHS]
    assert decided[0] == {"uri": "/desk/index.html"}
    assert decided[3] == {"uri": "/desk/assets/desk-AJ7UCX7L.js"}
    assert decided[5] == {"uri": "/desk/index.html"}


def _directives(policy: str) -> dict[str, list[str]]:
    return {p.split()[0]: p.split()[1:] for p in " ".join(policy.split()).split("; ")}


@pytest.mark.parametrize(
    ("parameters", "api"),
    [
        ({}, "https://*.execute-api.eu-west-1.amazonaws.com"),
        (
            {
                "SiteDomainName": "tintuc.example.gov.vn",
                "SiteCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0f1e",
                "ApiCertificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/9a8b",
            },
            "https://api.tintuc.example.gov.vn",
        ),
    ],
)
def test_the_desks_policy_is_the_local_desks_with_aws_addresses(
    template: dict[str, Any], parameters: dict[str, str], api: str
) -> None:
    stack = deployed(translate(template, parameters), parameters)
    config = stack["Resources"]["DeskResponseHeadersPolicy"]["Properties"][
        "ResponseHeadersPolicyConfig"
    ]
    text, values = config["SecurityHeadersConfig"]["ContentSecurityPolicy"][
        "ContentSecurityPolicy"
    ]["Fn::Sub"]
    for name, value in values.items():
        found = value["Fn::Sub"] if isinstance(value, dict) else value
        text = text.replace("${" + name + "}", str(found))
    # As deployed in eu-west-1 (tests/sam.py), the content bucket left by name.
    aws = _directives(text.replace("${AWS::Region}", "eu-west-1"))
    uploads = "https://s3.eu-west-1.amazonaws.com/${ContentBucket}"
    assert aws["connect-src"] == [
        "'self'",
        api,
        "https://cognito-idp.eu-west-1.amazonaws.com",
        uploads,
        uploads + "/",
    ]
    assert aws["img-src"] == ["'self'", "blob:", "data:", uploads, uploads + "/"]
    local = _directives(
        content_security_policy(
            desk_config(
                api_url="http://127.0.0.1:3000",
                site_url="http://127.0.0.1:8080",
                region="us-east-1",
                user_pool_id="pool",
                client_id="client",
                cognito_endpoint="http://127.0.0.1:5055",
                upload_origin="http://127.0.0.1:5055",
            )
        )
    )
    # The same directives, with the same keywords: only the hosts differ (on AWS the
    # site is the desk's own origin, 'self').
    assert set(aws) == set(local)
    for name in local:
        keywords = [s for s in local[name] if "://" not in s]
        assert [s for s in aws[name] if "://" not in s] == keywords, name


def test_the_desk_bucket_is_an_output(template: dict[str, Any]) -> None:
    assert template["Outputs"]["DeskBucketName"]["Value"] == {"Ref": "DeskBucket"}
    assert template["Outputs"]["UserPoolClientId"]["Value"] == {"Ref": "UserPoolClient"}
