"""Least privilege, read from template.yaml as CloudFormation will see it.

The template is transformed by aws-sam-translator (as `sam deploy` does), so SAM's
policy templates are checked as the IAM statements they expand to. A function may
touch only the resources it uses: those its environment variables name (a resource's
public `DomainName` is a link, not a use) and its event sources; and on each of those
only the actions its code calls (`NEEDS`, one line per adapter call site). No managed
policy beyond logs and traces: SAM's SQS poller policy, which reads every queue of the
account, is not attached (the queue event sources are mappings of their own, and each
function's policy polls its own queues). Buckets are never public, and the site bucket
is read by CloudFront's origin access control alone.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

import pytest
from newsroom_local.template import resources_of_type

from tests.sam import translate

# The items the article store and the site's bookkeeping read and write (storage/articles.py,
# storage/listings.py, site/search.py): transactions need each item action they contain.
ARTICLE_ITEMS = {
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:Query",
}
# A missing object is "not found" (404) only with s3:ListBucket; without it S3 says 403.
SITE_OBJECTS = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"}

# What each function's code calls, per resource it uses.
NEEDS: dict[str, dict[str, set[str]]] = {
    "IngestFunction": {
        "ArticlesTable": ARTICLE_ITEMS,
        # api/idempotency.py
        "IdempotencyTable": {
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
        },
        # Presigned uploads and downloads of originals (storage/buckets.py
        # ContentBucket.presign_post, presign_download).
        "ContentBucket": {"s3:PutObject", "s3:GetObject"},
        "ImagesQueue": {"sqs:SendMessage"},
        # aws/scheduler.py: schedules are named, not template resources; passing their role.
        "PublishSchedulerRole": {"iam:PassRole"},
        # The event source: Lambda polls it with the function's role.
        "PublishQueue": {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
    },
    "ImagesFunction": {
        "ArticlesTable": ARTICLE_ITEMS,
        "ContentBucket": {"s3:GetObject", "s3:ListBucket"},
        "SiteBucket": SITE_OBJECTS,
        "RenderQueue": {"sqs:SendMessage"},
        "ImagesQueue": {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
    },
    "RenderFunction": {
        "ArticlesTable": ARTICLE_ITEMS,
        "SiteBucket": SITE_OBJECTS,
        "SiteDistribution": {"cloudfront:CreateInvalidation"},
        # The event source, and an invalidation CloudFront refused, asked for again.
        "RenderQueue": {
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:SendMessage",
        },
        # The event source of the stale files' renders, told after each article's page.
        "SiteQueue": {
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:SendMessage",
        },
    },
}
# Managed policies a function may carry: its logs and its traces. Not SAM's SQS poller
# policy (AWSLambdaSQSQueueExecutionRole): it reads and deletes from every queue.
ALLOWED_MANAGED = {
    "AWSLambdaBasicExecutionRole",
    "AWSXrayWriteOnlyAccess",
    "AWSXRayDaemonWriteAccess",
}
# Statements on no resource of the template: names made at run time, checked by pattern.
UNNAMED = {
    "IngestFunction": {
        "scheduler:CreateSchedule": r"schedule/default/publish-\*$",
        "scheduler:DeleteSchedule": r"schedule/default/publish-\*$",
    }
}


def references(value: Any, *, links: bool = True) -> set[str]:
    """Logical ids a value refers to (Ref, GetAtt, ${X} in Sub); `links=False` skips DomainName."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= references(item, links=links)
    elif isinstance(value, dict):
        if set(value) == {"Ref"}:
            found.add(str(value["Ref"]))
        elif set(value) == {"Fn::GetAtt"}:
            name, attribute = value["Fn::GetAtt"]
            if links or attribute != "DomainName":
                found.add(str(name))
        elif set(value) == {"Fn::Sub"}:
            argument = value["Fn::Sub"]
            text, variables = (argument, {}) if isinstance(argument, str) else argument
            for name in re.findall(r"\$\{([^}!]+)\}", text):
                if name in variables:
                    found |= references(variables[name], links=links)
                elif not name.startswith("AWS::"):
                    resource, _, attribute = name.partition(".")
                    if links or attribute != "DomainName":
                        found.add(resource)
        else:
            for item in value.values():
                found |= references(item, links=links)
    return {name for name in found if not name.startswith("AWS::")}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def invoked_function(cloudformation: dict[str, Any], name: str) -> str:
    """The function a mapping or a permission names: itself, or the function of an alias."""
    resource = cloudformation["Resources"].get(name, {})
    if resource.get("Type") == "AWS::Lambda::Alias":
        (function,) = references(resource["Properties"]["FunctionName"])
        return function
    return name


def function_uses(cloudformation: dict[str, Any], function: str) -> set[str]:
    """What a function's environment variables and event sources name."""
    properties = cloudformation["Resources"][function]["Properties"]
    uses = references(properties.get("Environment", {}).get("Variables", {}), links=False)
    for mapping in resources_of_type(cloudformation, "AWS::Lambda::EventSourceMapping").values():
        named = references(mapping["Properties"]["FunctionName"])
        if {invoked_function(cloudformation, n) for n in named} == {function}:
            uses |= references(mapping["Properties"]["EventSourceArn"])
    return uses


def least_privilege_violations(cloudformation: dict[str, Any]) -> list[str]:
    """Every grant beyond what a function uses and needs, in words."""
    problems: list[str] = []
    resources = cloudformation["Resources"]
    functions = resources_of_type(cloudformation, "AWS::Lambda::Function")
    for function, spec in functions.items():
        roles = references(spec["Properties"]["Role"])
        assert len(roles) == 1, f"{function} has no role of its own"
        role = resources[roles.pop()]["Properties"]
        uses = function_uses(cloudformation, function)
        needs = NEEDS.get(function, {})
        for arn in role.get("ManagedPolicyArns", []):
            name = str(arn).rsplit("/", 1)[-1]
            if name == "AWSLambdaSQSQueueExecutionRole":
                problems.append(f"{function}: managed policy {name} reads every queue")
            elif name not in ALLOWED_MANAGED:
                problems.append(f"{function}: managed policy {name}")
        for policy in role.get("Policies", []):
            for statement in _as_list(policy["PolicyDocument"]["Statement"]):
                if statement.get("Effect") != "Allow":
                    continue
                actions = {str(a) for a in _as_list(statement.get("Action", []))}
                problems += _statement_problems(function, statement, actions, uses, needs)
    return problems


def _arn_text(resource: Any) -> str:
    if isinstance(resource, dict) and "Fn::Sub" in resource:
        return str(_as_list(resource["Fn::Sub"])[0])
    return str(resource)


def _statement_problems(
    function: str,
    statement: dict[str, Any],
    actions: set[str],
    uses: set[str],
    needs: dict[str, set[str]],
) -> list[str]:
    problems = []
    if "NotAction" in statement or "NotResource" in statement:
        problems.append(f"{function}: NotAction/NotResource grants everything else")
    for action in actions:
        if "*" in action:
            problems.append(f"{function}: wildcard action {action}")
    named = references(statement.get("Resource", []))
    if not named:
        patterns = UNNAMED.get(function, {})
        for action in actions:
            pattern = patterns.get(action)
            text = " ".join(_arn_text(r) for r in _as_list(statement.get("Resource", [])))
            if pattern is None or not re.search(pattern, text):
                problems.append(f"{function}: {action} on {text or 'nothing named'}")
        return problems
    for resource in named:
        if resource not in uses:
            problems.append(f"{function}: can touch {resource}, which it does not use")
            continue
        excess = actions - needs.get(resource, set())
        if excess:
            problems.append(f"{function}: {sorted(excess)} on {resource}, never called")
    return problems


def bucket_violations(cloudformation: dict[str, Any]) -> list[str]:
    """Public access, or a reader other than the distribution's origin access control."""
    problems: list[str] = []
    resources = cloudformation["Resources"]
    distributions = resources_of_type(cloudformation, "AWS::CloudFront::Distribution")
    origins: dict[str, str] = {}
    for name, distribution in distributions.items():
        for origin in distribution["Properties"]["DistributionConfig"]["Origins"]:
            bucket = references(origin["DomainName"])
            if not origin.get("OriginAccessControlId"):
                problems.append(f"{name}: origin {origin['Id']} without origin access control")
            for b in bucket:
                origins[b] = name
    for name, bucket in resources_of_type(cloudformation, "AWS::S3::Bucket").items():
        properties = bucket.get("Properties", {})
        block = properties.get("PublicAccessBlockConfiguration", {})
        for setting in (
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        ):
            if block.get(setting) is not True:
                problems.append(f"{name}: {setting} is not on")
        if properties.get("AccessControl") not in (None, "Private"):
            problems.append(f"{name}: canned ACL {properties['AccessControl']}")
        if properties.get("WebsiteConfiguration"):
            problems.append(f"{name}: public website endpoint")
    for name, policy in resources_of_type(cloudformation, "AWS::S3::BucketPolicy").items():
        (bucket,) = references(policy["Properties"]["Bucket"])
        for statement in _as_list(policy["Properties"]["PolicyDocument"]["Statement"]):
            if statement.get("Effect") != "Allow":
                continue
            principal = statement.get("Principal")
            distribution = origins.get(bucket)
            source = statement.get("Condition", {}).get("StringEquals", {}).get("AWS:SourceArn")
            if (
                distribution is None
                or principal != {"Service": "cloudfront.amazonaws.com"}
                or references(source) != {distribution}
                or {str(a) for a in _as_list(statement.get("Action"))} != {"s3:GetObject"}
            ):
                problems.append(
                    f"{name}: {bucket} is readable other than by its distribution's "
                    f"origin access control ({statement.get('Sid', 'a statement')})"
                )
    for name in resources:
        if resources[name].get("Type") == "AWS::CloudFront::CloudFrontOriginAccessIdentity":
            problems.append(f"{name}: legacy origin access identity")
    return problems


def test_every_function_can_touch_only_what_it_uses_and_only_as_its_code_does(
    cloudformation: dict[str, Any],
) -> None:
    assert set(resources_of_type(cloudformation, "AWS::Lambda::Function")) == set(NEEDS)
    assert least_privilege_violations(cloudformation) == []


def test_no_bucket_is_public_and_the_site_is_read_through_origin_access_control_only(
    cloudformation: dict[str, Any],
) -> None:
    assert bucket_violations(cloudformation) == []


def test_the_scheduler_role_can_only_send_to_the_publish_queue(
    cloudformation: dict[str, Any],
) -> None:
    role = cloudformation["Resources"]["PublishSchedulerRole"]["Properties"]
    statements = [s for p in role["Policies"] for s in _as_list(p["PolicyDocument"]["Statement"])]
    assert [(s["Action"], references(s["Resource"])) for s in statements] == [
        ("sqs:SendMessage", {"PublishQueue"})
    ]


def _add_policy(template: dict[str, Any], function: str, policy: Any) -> dict[str, Any]:
    changed = deepcopy(template)
    changed["Resources"][function]["Properties"]["Policies"].append(policy)
    return changed


@pytest.mark.parametrize(
    ("function", "policy", "expected"),
    [
        # A resource the function does not use.
        (
            "IngestFunction",
            {"S3ReadPolicy": {"BucketName": {"Ref": "SiteBucket"}}},
            "can touch SiteBucket",
        ),
        # SAM's write template on a bucket it uses: more than PutObject.
        (
            "IngestFunction",
            {"S3WritePolicy": {"BucketName": {"Ref": "ContentBucket"}}},
            "s3:PutObjectAcl",
        ),
        # A table scan the code never makes.
        (
            "RenderFunction",
            {"DynamoDBCrudPolicy": {"TableName": {"Ref": "ArticlesTable"}}},
            "dynamodb:Scan",
        ),
        (
            "ImagesFunction",
            {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]},
            "wildcard action s3:*",
        ),
        # Polling every queue, by statement or by SAM's poller template.
        (
            "RenderFunction",
            {"Statement": [{"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": "*"}]},
            "sqs:ReceiveMessage on *",
        ),
        (
            "ImagesFunction",
            {"SQSPollerPolicy": {"QueueName": "*"}},
            "sqs:ReceiveMessage on arn:${AWS::Partition}:sqs:",
        ),
        # Another function's queue: the images function sends there, never polls it.
        (
            "ImagesFunction",
            {"SQSPollerPolicy": {"QueueName": {"Fn::GetAtt": ["RenderQueue", "QueueName"]}}},
            "'sqs:ReceiveMessage'] on RenderQueue, never called",
        ),
    ],
)
def test_the_check_finds_excess_grants(
    template: dict[str, Any], function: str, policy: Any, expected: str
) -> None:
    problems = least_privilege_violations(translate(_add_policy(template, function, policy)))
    assert any(expected in p for p in problems), problems


def test_the_check_finds_a_public_or_uncontrolled_bucket(template: dict[str, Any]) -> None:
    changed = deepcopy(template)
    changed["Resources"]["ContentBucket"]["Properties"]["PublicAccessBlockConfiguration"][
        "RestrictPublicBuckets"
    ] = False
    changed["Resources"]["SiteBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"].append(
        {
            "Sid": "Everyone",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": {"Fn::Sub": "${SiteBucket.Arn}/*"},
        }
    )
    problems = bucket_violations(translate(changed))
    assert "ContentBucket: RestrictPublicBuckets is not on" in problems
    assert any("(Everyone)" in p for p in problems), problems


def test_the_check_finds_the_poller_policy_sam_attaches_for_a_queue_event(
    template: dict[str, Any],
) -> None:
    # The event source as a function's SQS event, as it was: SAM then attaches the
    # managed AWSLambdaSQSQueueExecutionRole, which may receive from any queue.
    changed = deepcopy(template)
    properties = changed["Resources"]["ImagesFunction"]["Properties"]
    properties.setdefault("Events", {})["PhotosRequested"] = {
        "Type": "SQS",
        "Properties": {"Queue": {"Fn::GetAtt": ["ImagesQueue", "Arn"]}, "BatchSize": 5},
    }
    del changed["Resources"]["ImagesFunctionPhotosRequested"]
    problems = least_privilege_violations(translate(changed))
    assert problems == [
        "ImagesFunction: managed policy AWSLambdaSQSQueueExecutionRole reads every queue"
    ]


def test_each_queue_is_polled_by_its_one_consumer_and_no_other(
    cloudformation: dict[str, Any],
) -> None:
    consumers: dict[str, set[str]] = {}
    for mapping in resources_of_type(cloudformation, "AWS::Lambda::EventSourceMapping").values():
        (queue,) = references(mapping["Properties"]["EventSourceArn"])
        (named,) = references(mapping["Properties"]["FunctionName"])
        consumers.setdefault(queue, set()).add(invoked_function(cloudformation, named))
    assert consumers == {
        "PublishQueue": {"IngestFunction"},
        "ImagesQueue": {"ImagesFunction"},
        "RenderQueue": {"RenderFunction"},
        "SiteQueue": {"RenderFunction"},
    }
    polling = {"sqs:ReceiveMessage", "sqs:DeleteMessage"}
    for function, needs in NEEDS.items():
        polled = {r for r, actions in needs.items() if polling <= actions}
        assert polled == {q for q, c in consumers.items() if function in c}, function
