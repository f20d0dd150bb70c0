"""The template's Lambda functions as the local stack runs them: code, environment, events."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from newsroom_local.template import PROJECT_ROOT, Environment, resources_of_type

Handler = Callable[[dict[str, Any], Any], Any]


@dataclass(frozen=True)
class HttpRoute:
    """An `HttpApi` event: API Gateway sends `METHOD path` to the function."""

    method: str
    path: str
    authorized: bool = True

    @property
    def route_key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class QueueSource:
    """An `SQS` event: the event source mapping polls this queue for the function."""

    queue_logical_id: str
    queue_url: str
    queue_arn: str
    batch_size: int = 10
    batching_window_seconds: int = 0
    report_batch_item_failures: bool = False


@dataclass(frozen=True)
class FunctionSpec:
    """One `AWS::Serverless::Function`, resolved for this machine."""

    logical_id: str
    code_dir: Path
    module: str
    attribute: str
    timeout: int
    memory_mb: int
    environment: dict[str, str]
    routes: list[HttpRoute] = field(default_factory=list)
    queues: list[QueueSource] = field(default_factory=list)


def _merged(globals_: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    merged = dict(globals_)
    for key, value in properties.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _queue_source(env: Environment, queue_ref: Any, properties: dict[str, Any]) -> QueueSource:
    """A queue event source: a function's `SQS` event, or an `AWS::Lambda::EventSourceMapping`
    (the same settings under the same names; the queue is `Queue` or `EventSourceArn`)."""
    queue_id = queue_ref["Fn::GetAtt"][0] if isinstance(queue_ref, dict) else str(queue_ref)
    return QueueSource(
        queue_logical_id=queue_id,
        queue_url=env.ref(queue_id),
        queue_arn=env.get_att(queue_id, "Arn"),
        batch_size=int(properties.get("BatchSize", 10)),
        batching_window_seconds=int(properties.get("MaximumBatchingWindowInSeconds", 0)),
        report_batch_item_failures="ReportBatchItemFailures"
        in properties.get("FunctionResponseTypes", []),
    )


def _mapped_function(function_name: Any) -> str | None:
    """The function (its logical id) an event source mapping's `FunctionName` names:
    `!Ref Function`, `!Ref Function.Alias` or `!GetAtt Function.Arn`."""
    if isinstance(function_name, dict) and "Ref" in function_name:
        return str(function_name["Ref"]).split(".", 1)[0]
    if isinstance(function_name, dict) and "Fn::GetAtt" in function_name:
        return str(function_name["Fn::GetAtt"][0])
    return None


def function_specs(
    template: dict[str, Any], env: Environment, overrides: dict[str, str] | None = None
) -> dict[str, FunctionSpec]:
    """Every function of the template, with its environment resolved against `env`."""
    globals_ = template.get("Globals", {}).get("Function", {})
    mappings = resources_of_type(template, "AWS::Lambda::EventSourceMapping").values()
    specs = {}
    for logical_id, resource in resources_of_type(template, "AWS::Serverless::Function").items():
        properties = _merged(globals_, resource.get("Properties", {}))
        variables = env.resolve(properties.get("Environment", {}).get("Variables", {}))
        environment = {k: "" if v is None else str(v) for k, v in variables.items()}
        environment.update({k: v for k, v in (overrides or {}).items() if k in environment})
        module, _, attribute = properties["Handler"].rpartition(".")
        routes, queues = [], []
        for event in properties.get("Events", {}).values():
            event_properties = event.get("Properties", {})
            if event["Type"] == "HttpApi":
                auth = event_properties.get("Auth", {}).get("Authorizer")
                routes.append(
                    HttpRoute(
                        event_properties["Method"].upper(),
                        event_properties["Path"],
                        authorized=auth != "NONE",
                    )
                )
            elif event["Type"] == "SQS":
                queues.append(_queue_source(env, event_properties["Queue"], event_properties))
        for mapping in mappings:
            mapped = mapping.get("Properties", {})
            if _mapped_function(mapped.get("FunctionName")) == logical_id:
                queues.append(_queue_source(env, mapped["EventSourceArn"], mapped))
        specs[logical_id] = FunctionSpec(
            logical_id=logical_id,
            code_dir=PROJECT_ROOT / properties["CodeUri"],
            module=module,
            attribute=attribute,
            timeout=int(properties.get("Timeout", 3)),
            memory_mb=int(properties.get("MemorySize", 128)),
            environment=environment,
            routes=routes,
            queues=queues,
        )
    return specs


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def load_handler(spec: FunctionSpec) -> tuple[ModuleType, Handler]:
    """Import the function's module (as Lambda would, with its environment) and its handler.

    Each function gets a module of its own name, so two `app.py` files do not collide.
    """
    from newsroom.config import settings

    path = spec.code_dir / f"{spec.module.replace('.', '/')}.py"
    name = f"newsroom_function_{spec.logical_id.lower()}"
    with _environment(spec.environment):
        settings.cache_clear()
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot load {path}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        module_spec.loader.exec_module(module)
        settings.cache_clear()
    return module, getattr(module, spec.attribute)


# A cold start as Lambda makes one, from a build of the layer and the functions: a bare
# interpreter (-I: no user site nor PYTHON* variables; -S: not this machine's
# site-packages; -B: nothing written, Lambda's code directories being read-only).
BARE_INTERPRETER = ("-I", "-S", "-B")
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens there


def cold_start_environment(spec: FunctionSpec | None = None) -> dict[str, str]:
    """The whole environment of a cold start of `spec` (or of no function in particular):
    the PATH, the function's variables, and AWS credentials and an endpoint that reach
    nothing, so an import that called AWS would fail instead of reaching an account."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        **(spec.environment if spec else {}),
        "AWS_ACCESS_KEY_ID": "cold-start",
        "AWS_SECRET_ACCESS_KEY": "cold-start",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": NOWHERE,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }


def spec_to_json(spec: FunctionSpec) -> str:
    """The resolved spec, for a function's own process."""
    data = asdict(spec)
    data["code_dir"] = str(spec.code_dir)
    return json.dumps(data)


def spec_from_json(text: str) -> FunctionSpec:
    """The inverse of `spec_to_json`."""
    data = json.loads(text)
    return FunctionSpec(
        **{
            **data,
            "code_dir": Path(data["code_dir"]),
            "routes": [HttpRoute(**r) for r in data["routes"]],
            "queues": [QueueSource(**q) for q in data["queues"]],
        }
    )
