"""The API's CORS in the template: browsers may call it from the site's own origin (where
the desk is served) and from DeskOrigins, never from anywhere, never with cookies; and
the API depending on the distribution for that origin makes no cycle."""

from __future__ import annotations

import re
from typing import Any

import pytest
from newsroom_local.template import load_template

from tests.sam import deployed, translate

DOMAIN = {
    "SiteDomainName": "tintuc.example.gov.vn",
    "SiteCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c",
}
HEADERS = ["Authorization", "Content-Type", "If-Match", "Idempotency-Key"]


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


def _cors(template: dict[str, Any], parameters: dict[str, str]) -> dict[str, Any]:
    stack = deployed(translate(template, parameters), parameters)
    cors: dict[str, Any] = stack["Resources"]["HttpApi"]["Properties"]["Body"][
        "x-amazon-apigateway-cors"
    ]
    return cors


@pytest.mark.parametrize(
    ("parameters", "origins"),
    [
        ({}, [{"Fn::Sub": "https://${SiteDistribution.DomainName}"}]),
        (DOMAIN, ["https://tintuc.example.gov.vn"]),
        (
            {**DOMAIN, "DeskOrigins": "https://desk.example.gov.vn,http://localhost:5173"},
            {
                "Fn::Split": [
                    ",",
                    "https://tintuc.example.gov.vn,https://desk.example.gov.vn,"
                    "http://localhost:5173",
                ]
            },
        ),
    ],
    ids=["distribution", "site domain", "desk origins"],
)
def test_the_api_allows_the_sites_origin_and_the_desk_origins(
    template: dict[str, Any], parameters: dict[str, str], origins: Any
) -> None:
    cors = _cors(template, parameters)
    assert cors == {
        "allowOrigins": origins,
        "allowCredentials": False,
        "allowMethods": ["GET", "POST", "PUT", "PATCH", "DELETE"],
        "allowHeaders": HEADERS,
        "exposeHeaders": ["ETag", "Location"],
        "maxAge": 600,
    }
    assert "*" not in str(cors["allowOrigins"])


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("", True),
        ("https://desk.example.gov.vn", True),
        ("https://desk.example.gov.vn,http://localhost:5173", True),
        ("*", False),
        ("https://*.example.gov.vn", False),
        ("https://desk.example.gov.vn/desk/", False),
        ("https://desk.example.gov.vn, http://localhost:5173", False),
        ("desk.example.gov.vn", False),
    ],
)
def test_desk_origins_are_origins_and_nothing_else(
    template: dict[str, Any], value: str, accepted: bool
) -> None:
    pattern = template["Parameters"]["DeskOrigins"]["AllowedPattern"]
    assert bool(re.fullmatch(pattern, value)) is accepted


def _references(value: Any) -> set[str]:
    """The logical ids a property refers to (Ref, GetAtt, and names in a Sub)."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= _references(item)
    elif isinstance(value, dict):
        for key, argument in value.items():
            if key == "Ref" and isinstance(argument, str):
                found.add(argument)
            elif key == "Fn::GetAtt":
                found.add(argument[0] if isinstance(argument, list) else argument.split(".")[0])
            elif key == "Fn::Sub":
                text = argument if isinstance(argument, str) else argument[0]
                found |= {n.split(".")[0] for n in re.findall(r"\$\{([^}!]+)\}", text)}
                if not isinstance(argument, str):
                    found |= _references(argument[1])
            else:
                found |= _references(argument)
    return found


def test_the_distribution_never_depends_on_the_api(template: dict[str, Any]) -> None:
    stack = translate(template, {})
    resources = stack["Resources"]

    def needs(name: str) -> set[str]:
        resource = resources[name]
        depends = resource.get("DependsOn", [])
        named = {depends} if isinstance(depends, str) else set(depends)
        return {r for r in _references(resource.get("Properties", {})) | named if r in resources}

    seen: set[str] = set()
    waiting = ["SiteDistribution"]
    while waiting:
        name = waiting.pop()
        if name not in seen:
            seen.add(name)
            waiting += needs(name)
    kinds = {resources[n]["Type"] for n in seen}
    assert not [k for k in kinds if k.startswith("AWS::ApiGatewayV2::")], sorted(seen)
    assert "SiteDistribution" in needs("HttpApi")  # the API names the site's origin
