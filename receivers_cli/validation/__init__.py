"""Validation: structure (schema, models), the rule catalogue and its levels, formatters."""
