"""The `newsroom` command line: the local stack, and the editors' tools that talk to the API."""
