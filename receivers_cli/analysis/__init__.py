"""Questions about a config repository and its renderings: the routing view and its cache
(``routing_view``), the tenants' own ``tests:`` (``tenant_tests``) and ``receivers diff`` (``diff``).

Above the API in the layering: these modules use receivers_cli.api; nothing below imports them.
"""
