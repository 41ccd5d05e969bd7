"""R138 route-too-large: a tenant's route tree stays small.

At most 16 levels of nesting and 500 routes: Alertmanager walks the tree for every alert, and a
hostile file must not make validation, the routing simulator or Alertmanager slow. The platform's
own routes have no such limit.

PASS::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, config: {url: "https://example.com/a"}}
      route:
        routes:
          - receiver: db
            routes:
              - receiver: db
                routes:
                  - receiver: db

FAIL::

    acme:
      metadata: {name: Acme}
      receivers:
        - {name: db, channel_type: webhook, config: {url: "https://example.com/a"}}
      route:
        routes:
          - receiver: db
            routes:
              - receiver: db
                routes:
                  - receiver: db
                    routes:
                      - receiver: db
                        routes:
                          - receiver: db
                            routes:
                              - receiver: db
                                routes:
                                  - receiver: db
                                    routes:
                                      - receiver: db
                                        routes:
                                          - receiver: db
                                            routes:
                                              - receiver: db
                                                routes:
                                                  - receiver: db
                                                    routes:
                                                      - receiver: db
                                                        routes:
                                                          - receiver: db
                                                            routes:
                                                              - receiver: db
                                                                routes:
                                                                  - receiver: db
                                                                    routes:
                                                                      - receiver: db
                                                                        routes:
                                                                          - receiver: db
"""

from __future__ import annotations

from collections.abc import Iterator

from receivers_cli.codes import R138
from receivers_cli.errors import Problem
from receivers_cli.validation.context import RuleContext
from receivers_cli.validation.levels import ValidationLevel
from receivers_cli.validation.rules import Rule


def check(ctx: RuleContext) -> Iterator[Problem]:
    from receivers_cli.validation.route_tree import problems_of

    return problems_of(ctx, RULE.id)


RULE = Rule(R138, ValidationLevel.STANDARD, "tenant route trees are at most 16 deep, 500 routes",
            check)
