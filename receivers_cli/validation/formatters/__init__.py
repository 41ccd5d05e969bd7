"""Output formats for problems: one module per format, kept away from the rules."""
