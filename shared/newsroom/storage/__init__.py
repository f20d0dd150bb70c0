"""Data access: one small class per store."""
