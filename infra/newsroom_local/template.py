"""Reading `template.yaml`: CloudFormation's short tags and the intrinsic functions we use.

The local stack takes every resource, queue setting, route and environment variable
from the template, so the cloud and the laptop cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = PROJECT_ROOT / "template.yaml"


class _Tag:
    """A short-form intrinsic (`!Ref X`), kept as `{"Fn::Name": value}`."""


def _constructor(name: str) -> Any:
    def construct(loader: yaml.SafeLoader, node: yaml.Node) -> dict[str, Any]:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if name == "Fn::GetAtt" and isinstance(value, str):
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
        return {name: value}

    return construct


class TemplateLoader(yaml.SafeLoader):
    """A YAML loader that understands CloudFormation's `!Ref`, `!Sub`, `!GetAtt` and friends."""


for _tag in ("Ref", "Condition"):
    TemplateLoader.add_constructor(f"!{_tag}", _constructor(_tag))
for _tag in (
    "Sub",
    "GetAtt",
    "Join",
    "Select",
    "Split",
    "If",
    "Equals",
    "Not",
    "And",
    "Or",
    "FindInMap",
    "GetAZs",
    "ImportValue",
    "Base64",
    "Cidr",
    "Transform",
):
    TemplateLoader.add_constructor(f"!{_tag}", _constructor(f"Fn::{_tag}"))


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    """The template as plain data, intrinsics as `{"Ref": ...}` / `{"Fn::...": ...}`."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=TemplateLoader)  # noqa: S506 - a SafeLoader subclass
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a template")
    return data


@dataclass
class Environment:
    """Values for `Ref` and `Fn::GetAtt`, filled in as resources are created."""

    region: str = "us-east-1"
    account_id: str = "123456789012"
    stack_name: str = "newsroom-local"
    refs: dict[str, Any] = field(default_factory=dict)
    attributes: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The template's conditions for its parameter values (evaluate_conditions), for Fn::If.
    conditions: dict[str, bool] = field(default_factory=dict)

    def pseudo(self, name: str) -> Any:
        return {
            "AWS::Region": self.region,
            "AWS::AccountId": self.account_id,
            "AWS::StackName": self.stack_name,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NoValue": None,
        }[name]

    def ref(self, name: str) -> Any:
        if name.startswith("AWS::"):
            return self.pseudo(name)
        if name not in self.refs:
            raise KeyError(f"nothing to resolve Ref {name} to (not created locally)")
        return self.refs[name]

    def get_att(self, name: str, attribute: str) -> Any:
        try:
            return self.attributes[name][attribute]
        except KeyError:
            raise KeyError(
                f"nothing to resolve {name}.{attribute} to (not created locally)"
            ) from None

    def resolve(self, value: Any) -> Any:
        """`value` with every intrinsic function replaced by what it stands for here."""
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            ((key, argument),) = value.items()
            if key == "Ref":
                return self.ref(argument)
            if key == "Fn::GetAtt":
                name, attribute = argument if isinstance(argument, list) else argument.split(".", 1)
                return self.get_att(name, attribute)
            if key == "Fn::Sub":
                return self._sub(argument)
            if key == "Fn::Join":
                separator, items = argument
                return separator.join(str(i) for i in self.resolve(items))
            if key == "Fn::Split":
                separator, text = argument
                return str(self.resolve(text)).split(separator)
            if key == "Fn::Select":
                index, items = argument
                return self.resolve(items)[int(index)]
            if key == "Fn::If":
                condition, when_true, when_false = argument
                if condition not in self.conditions:
                    raise KeyError(f"Fn::If names condition {condition}, which is not evaluated")
                return self.resolve(when_true if self.conditions[condition] else when_false)
        return {k: self.resolve(v) for k, v in value.items()}

    def _sub(self, argument: Any) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else argument

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in variables:
                return str(self.resolve(variables[name]))
            if "." in name and not name.startswith("AWS::"):
                resource, attribute = name.split(".", 1)
                return str(self.get_att(resource, attribute))
            return str(self.ref(name))

        return re.sub(r"\$\{([^}!]+)\}", replace, text)


def evaluate_conditions(template: dict[str, Any], ref: Callable[[str], Any]) -> dict[str, bool]:
    """Each of the template's conditions, true or false, with `ref` giving the values of
    parameters and pseudo parameters (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)."""
    declared = template.get("Conditions", {})
    found: dict[str, bool] = {}

    def value(item: Any) -> Any:
        if isinstance(item, dict) and set(item) == {"Ref"}:
            return ref(str(item["Ref"]))
        return item

    def truth(expression: Any) -> bool:
        ((key, argument),) = expression.items()
        if key == "Condition":
            return condition(str(argument))
        if key == "Fn::Equals":
            left, right = (value(a) for a in argument)
            return str(left) == str(right)
        if key == "Fn::Not":
            return not truth(argument[0])
        if key == "Fn::And":
            return all(truth(a) for a in argument)
        if key == "Fn::Or":
            return any(truth(a) for a in argument)
        raise ValueError(f"{key} in a condition is not understood here")

    def condition(name: str) -> bool:
        if name not in found:
            found[name] = truth(declared[name])
        return found[name]

    for name in declared:
        condition(name)
    return found


def parameter_defaults(template: dict[str, Any]) -> dict[str, Any]:
    """Each parameter's default value."""
    return {name: spec.get("Default") for name, spec in template.get("Parameters", {}).items()}


def resources_of_type(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """The template's resources of one type, by logical id."""
    return {
        name: resource
        for name, resource in template.get("Resources", {}).items()
        if resource.get("Type") == kind
    }


class PlaceholderEnvironment(Environment):
    """Resolves every `Ref` and `Fn::GetAtt` to a made-up value, creating nothing.

    For reading the template's settings where no resource exists: importing the
    handlers in tests, timing them in benchmarks.
    """

    def __init__(self, template: dict[str, Any]) -> None:
        super().__init__()
        self.types = {name: r.get("Type", "") for name, r in template.get("Resources", {}).items()}
        self.parameters = parameter_defaults(template)
        self.conditions = evaluate_conditions(template, self.ref)

    def ref(self, name: str) -> Any:
        if name.startswith("AWS::"):
            return self.pseudo(name)
        if name in self.parameters:
            return self.parameters[name]
        if self.types.get(name) == "AWS::SQS::Queue":
            return f"https://sqs.{self.region}.amazonaws.com/{self.account_id}/{name}"
        return f"{self.stack_name}-{name.lower()}"

    def get_att(self, name: str, attribute: str) -> Any:
        if attribute == "DomainName":
            return "d111111abcdef8.cloudfront.net"
        return f"arn:aws:placeholder:{self.region}:{self.account_id}:{name}/{attribute}"
