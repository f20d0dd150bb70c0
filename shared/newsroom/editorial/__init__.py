"""The editorial workflow: creating, illustrating and publishing articles."""
