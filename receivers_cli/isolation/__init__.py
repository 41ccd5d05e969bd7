"""Tenant isolation: the only place that knows how scoping is spelled.

``naming`` makes and reads the ``<owner>/<name>`` names of the merged config (receivers, time
intervals, templates, secret files) and the reserved owners (``_platform``, ``_unrouted``,
``_global``); ``strategy`` decides which matchers confine a tenant's routes and inhibit rules.
Everything else (build, carry-over, diff, tests, secret files, the CLI) asks these two modules.
"""
