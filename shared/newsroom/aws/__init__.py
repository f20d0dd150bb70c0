"""Small adapters in front of AWS services, so domain code never builds an AWS call."""
