"""Photos: checking what was uploaded, making web renditions, recording captions."""
