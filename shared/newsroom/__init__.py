"""Newsroom: the runtime package shared by every Lambda function (deployed as a layer)."""
