"""The local stack: the whole newsroom on one machine, on moto, with no AWS account."""
