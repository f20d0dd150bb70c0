"""One module per `newsroom` sub-command; each has `register(subparsers)`."""
