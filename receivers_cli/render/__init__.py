"""Render: resolve values, build the isolated Alertmanager config and its templates, write them."""
