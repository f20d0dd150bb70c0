"""Creating the template's resources in moto (in-process or server mode), from the template.

Creation is idempotent: a resource that already exists (a restarted stack) is reused.
Resource names are derived from the stack name and the logical id, as CloudFormation
derives physical names (a bucket's `BucketName` too: its stack-id form would not be
stable here). Buckets notify queues as the template's `NotificationConfiguration` says;
queue policies are not made (moto does not enforce them).
"""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.exceptions import ClientError

from newsroom_local.template import (
    Environment,
    evaluate_conditions,
    parameter_defaults,
    resources_of_type,
)


def _physical_name(env: Environment, logical_id: str) -> str:
    return f"{env.stack_name}-{logical_id}".lower()


def create_buckets(template: dict[str, Any], env: Environment, s3: Any) -> None:
    for logical_id, resource in resources_of_type(template, "AWS::S3::Bucket").items():
        name = _physical_name(env, logical_id)
        properties = resource.get("Properties", {})
        try:
            s3.create_bucket(Bucket=name)
        except ClientError as error:
            if error.response["Error"]["Code"] not in {
                "BucketAlreadyOwnedByYou",
                "BucketAlreadyExists",
            }:
                raise
        block = properties.get("PublicAccessBlockConfiguration")
        if block:
            s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=block)
        cors = properties.get("CorsConfiguration")
        if cors:
            rules = [
                {
                    "AllowedMethods": r["AllowedMethods"],
                    "AllowedOrigins": r["AllowedOrigins"],
                    "AllowedHeaders": r.get("AllowedHeaders", []),
                    "MaxAgeSeconds": int(r.get("MaxAge", 0)),
                }
                for r in env.resolve(cors)["CorsRules"]
            ]
            s3.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": rules})
        versioning = properties.get("VersioningConfiguration")
        if versioning:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=versioning)
        env.refs[logical_id] = name
        env.attributes[logical_id] = {
            "Arn": f"arn:aws:s3:::{name}",
            "RegionalDomainName": f"{name}.s3.{env.region}.amazonaws.com",
            "DomainName": f"{name}.s3.amazonaws.com",
        }


def _queue_order(queues: dict[str, dict[str, Any]]) -> list[str]:
    """Dead-letter queues first: a source queue's redrive policy names its DLQ's ARN."""

    def depends(resource: dict[str, Any]) -> bool:
        return "RedrivePolicy" in resource.get("Properties", {})

    return sorted(queues, key=lambda name: depends(queues[name]))


_QUEUE_ATTRIBUTES = {
    "VisibilityTimeout": "VisibilityTimeout",
    "MessageRetentionPeriod": "MessageRetentionPeriod",
    "DelaySeconds": "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds": "ReceiveMessageWaitTimeSeconds",
    "MaximumMessageSize": "MaximumMessageSize",
}


def create_queues(template: dict[str, Any], env: Environment, sqs: Any) -> None:
    queues = resources_of_type(template, "AWS::SQS::Queue")
    for logical_id in _queue_order(queues):
        properties = env.resolve(queues[logical_id].get("Properties", {}))
        fifo = bool(properties.get("FifoQueue"))
        # CloudFormation names a FIFO queue it names itself with the suffix SQS requires.
        name = properties.get("QueueName") or _physical_name(env, logical_id) + (
            ".fifo" if fifo else ""
        )
        attributes = {
            target: str(properties[source])
            for source, target in _QUEUE_ATTRIBUTES.items()
            if source in properties
        }
        if fifo:
            attributes["FifoQueue"] = "true"
        if "RedrivePolicy" in properties:
            attributes["RedrivePolicy"] = json.dumps(properties["RedrivePolicy"])
        url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        # SQS takes FifoQueue when a queue is made, never afterwards.
        settable = {k: v for k, v in attributes.items() if k != "FifoQueue"}
        sqs.set_queue_attributes(QueueUrl=url, Attributes=settable) if settable else None
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        env.refs[logical_id] = url
        env.attributes[logical_id] = {"Arn": arn, "QueueName": name, "QueueUrl": url}


def _queue_notification(configuration: dict[str, Any]) -> dict[str, Any]:
    """One of CloudFormation's `QueueConfigurations`, as S3's API takes it."""
    notification: dict[str, Any] = {
        "QueueArn": configuration["Queue"],
        "Events": [configuration["Event"]],
    }
    rules = configuration.get("Filter", {}).get("S3Key", {}).get("Rules", [])
    if rules:
        notification["Filter"] = {
            "Key": {"FilterRules": [{"Name": r["Name"], "Value": r["Value"]} for r in rules]}
        }
    return notification


def _notified(s3: Any, bucket: str) -> list[dict[str, Any]]:
    found = s3.get_bucket_notification_configuration(Bucket=bucket).get("QueueConfigurations", [])
    return [{k: v for k, v in q.items() if k != "Id"} for q in found]


def create_notifications(template: dict[str, Any], env: Environment, s3: Any) -> None:
    """Each bucket's `NotificationConfiguration` (its queues must exist): the buckets tell
    the queues of new objects as S3 does, uploads by form included.

    Set only when it differs from the bucket's own, since setting it sends a test event
    (as S3 does) to each queue.
    """
    for logical_id, resource in resources_of_type(template, "AWS::S3::Bucket").items():
        declared = resource.get("Properties", {}).get("NotificationConfiguration")
        if not declared:
            continue
        resolved = env.resolve(declared)
        queues = [_queue_notification(q) for q in resolved.get("QueueConfigurations", [])]
        bucket = env.ref(logical_id)
        if _notified(s3, bucket) != queues:
            s3.put_bucket_notification_configuration(
                Bucket=bucket, NotificationConfiguration={"QueueConfigurations": queues}
            )


def create_tables(template: dict[str, Any], env: Environment, dynamodb: Any) -> None:
    for logical_id, resource in resources_of_type(template, "AWS::DynamoDB::Table").items():
        properties = env.resolve(resource.get("Properties", {}))
        name = properties.get("TableName") or _physical_name(env, logical_id)
        request: dict[str, Any] = {
            "TableName": name,
            "AttributeDefinitions": properties["AttributeDefinitions"],
            "KeySchema": properties["KeySchema"],
            "BillingMode": properties.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if properties.get("GlobalSecondaryIndexes"):
            request["GlobalSecondaryIndexes"] = properties["GlobalSecondaryIndexes"]
        try:
            description = dynamodb.create_table(**request)["TableDescription"]
        except ClientError as error:
            if error.response["Error"]["Code"] != "ResourceInUseException":
                raise
            description = dynamodb.describe_table(TableName=name)["Table"]
        ttl = properties.get("TimeToLiveSpecification")
        if ttl:
            dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
        env.refs[logical_id] = name
        env.attributes[logical_id] = {"Arn": description["TableArn"]}


# What the local pool and client take from the template (named as the API names them):
# the password policy, case-insensitive names, the sign-in flows, token lifetimes and
# revocation, and hiding whether a user exists (newsroom_local.cognito enforces these).
POOL_SETTINGS = (
    "Policies",
    "UsernameConfiguration",
    "AdminCreateUserConfig",
    "AutoVerifiedAttributes",
    "MfaConfiguration",
)
CLIENT_SETTINGS = (
    "ExplicitAuthFlows",
    "PreventUserExistenceErrors",
    "EnableTokenRevocation",
    "AccessTokenValidity",
    "IdTokenValidity",
    "RefreshTokenValidity",
    "TokenValidityUnits",
    "AuthSessionValidity",
)


def create_user_pools(template: dict[str, Any], env: Environment, cognito: Any) -> None:
    pools = resources_of_type(template, "AWS::Cognito::UserPool")
    for logical_id, resource in pools.items():
        properties = env.resolve(resource.get("Properties", {}))
        name = properties.get("UserPoolName") or _physical_name(env, logical_id)
        existing = [
            p for p in cognito.list_user_pools(MaxResults=60)["UserPools"] if p["Name"] == name
        ]
        pool_id = (
            existing[0]["Id"]
            if existing
            else cognito.create_user_pool(
                PoolName=name,
                **{k: properties[k] for k in POOL_SETTINGS if k in properties},
            )["UserPool"]["Id"]
        )
        env.refs[logical_id] = pool_id
        env.attributes[logical_id] = {
            "Arn": f"arn:aws:cognito-idp:{env.region}:{env.account_id}:userpool/{pool_id}",
            "ProviderName": f"cognito-idp.{env.region}.amazonaws.com/{pool_id}",
        }
    for logical_id, resource in resources_of_type(template, "AWS::Cognito::UserPoolClient").items():
        properties = env.resolve(resource.get("Properties", {}))
        pool_id = properties["UserPoolId"]
        name = properties.get("ClientName") or _physical_name(env, logical_id)
        clients = cognito.list_user_pool_clients(UserPoolId=pool_id, MaxResults=60)[
            "UserPoolClients"
        ]
        found = [c for c in clients if c["ClientName"] == name]
        client_id = (
            found[0]["ClientId"]
            if found
            else cognito.create_user_pool_client(
                UserPoolId=pool_id,
                ClientName=name,
                GenerateSecret=False,
                **{k: properties[k] for k in CLIENT_SETTINGS if k in properties},
            )["UserPoolClient"]["ClientId"]
        )
        env.refs[logical_id] = client_id
    for logical_id, resource in resources_of_type(template, "AWS::Cognito::UserPoolGroup").items():
        properties = env.resolve(resource.get("Properties", {}))
        try:
            cognito.create_group(
                UserPoolId=properties["UserPoolId"],
                GroupName=properties["GroupName"],
                Description=properties.get("Description", ""),
            )
        except ClientError as error:
            if error.response["Error"]["Code"] != "GroupExistsException":
                raise
        env.refs[logical_id] = properties["GroupName"]


def create_roles(template: dict[str, Any], env: Environment, iam: Any) -> None:
    """IAM roles (with their inline policies), so that `!GetAtt Role.Arn` resolves."""
    for logical_id, resource in resources_of_type(template, "AWS::IAM::Role").items():
        properties = env.resolve(resource.get("Properties", {}))
        name = properties.get("RoleName") or _physical_name(env, logical_id)
        try:
            role = iam.create_role(
                RoleName=name,
                AssumeRolePolicyDocument=json.dumps(properties.get("AssumeRolePolicyDocument", {})),
            )["Role"]
        except ClientError as error:
            if error.response["Error"]["Code"] != "EntityAlreadyExists":
                raise
            role = iam.get_role(RoleName=name)["Role"]
        for policy in properties.get("Policies", []):
            iam.put_role_policy(
                RoleName=name,
                PolicyName=policy["PolicyName"],
                PolicyDocument=json.dumps(policy["PolicyDocument"]),
            )
        env.refs[logical_id] = name
        env.attributes[logical_id] = {"Arn": role["Arn"], "RoleId": role["RoleId"]}


def stand_in_for_cloud_only(template: dict[str, Any], env: Environment, site_url: str) -> None:
    """Values for what moto does not create: the CDN (the local site server stands in)."""
    for logical_id in resources_of_type(template, "AWS::CloudFront::Distribution"):
        env.refs[logical_id] = ""
        env.attributes[logical_id] = {"DomainName": site_url.split("://", 1)[-1], "Id": ""}
    for logical_id in resources_of_type(template, "AWS::Serverless::HttpApi"):
        env.refs.setdefault(logical_id, "local")
    for logical_id in resources_of_type(template, "AWS::Serverless::LayerVersion"):
        env.refs.setdefault(logical_id, "local")


def create_resources(
    template: dict[str, Any],
    *,
    session: boto3.session.Session | None = None,
    endpoint_url: str | None = None,
    env: Environment | None = None,
    site_url: str = "http://127.0.0.1:8080",
) -> Environment:
    """Create (or find) every bucket, queue, table and user pool the template declares."""
    env = env or Environment()
    env.refs.update({k: v for k, v in parameter_defaults(template).items() if v is not None})
    env.conditions = evaluate_conditions(template, env.ref)
    session = session or boto3.session.Session(region_name=env.region)

    def client(service: str) -> Any:
        return session.client(service, region_name=env.region, endpoint_url=endpoint_url)  # type: ignore[call-overload]

    create_buckets(template, env, client("s3"))
    create_queues(template, env, client("sqs"))
    create_notifications(template, env, client("s3"))
    create_roles(template, env, client("iam"))
    create_tables(template, env, client("dynamodb"))
    create_user_pools(template, env, client("cognito-idp"))
    stand_in_for_cloud_only(template, env, site_url)
    return env
