"""Fields every integration shares: ``send_resolved`` and the HTTP client (``http_config`` with
its TLS settings), with prometheus/common's rules across them, the global fallback the build
neutralizes and the settings that choose where a request goes."""

from __future__ import annotations

from receivers_cli.integrations.vocabulary import Constraint, Field, Inherit, Transport

SEND_RESOLVED = Field("send_resolved", "bool", doc="Notify when the alert resolves.")

_TLS_FIELDS = (
    Field("ca_file"),
    Field("cert_file"),
    Field("key_file"),
    Field("ca", since=(0, 26)),
    Field("cert", since=(0, 26)),
    Field("key", since=(0, 26), secret=True),
    Field("server_name"),
    Field("insecure_skip_verify", "bool"),
    Field("min_version", choices=("TLS10", "TLS11", "TLS12", "TLS13"), since=(0, 25)),
    Field("max_version", choices=("TLS10", "TLS11", "TLS12", "TLS13"), since=(0, 25)),
)
TLS_CONFIG = Field("tls_config", "object", fields=_TLS_FIELDS)

HTTP_CONFIG = Field(
    "http_config",
    "object",
    fields=(
        Field(
            "basic_auth",
            "object",
            fields=(
                Field("username"),
                Field("username_file", since=(0, 27)),
                Field("password", secret=True),
                Field("password_file"),
            ),
        ),
        Field(
            "authorization",
            "object",
            fields=(Field("type"), Field("credentials", secret=True), Field("credentials_file")),
        ),
        Field(
            "oauth2",
            "object",
            fields=(
                Field("client_id"),
                Field("client_secret", secret=True),
                Field("client_secret_file"),
                Field("scopes", "list", items="string"),
                Field("token_url", "url"),
                Field("endpoint_params", "map"),
                TLS_CONFIG,
                Field("proxy_url", "url", since=(0, 25)),
                # prometheus/common added these with the HTTP client's own (AM 0.26+), and the
                # JWT-bearer grant later (real 0.28 refuses it, 0.33 takes it).
                Field("no_proxy", since=(0, 26)),
                Field("proxy_from_environment", "bool", since=(0, 26)),
                Field("proxy_connect_header", "map", items="any", since=(0, 26)),
                Field("grant_type", since=(0, 33)),
                Field("client_certificate_key_id", since=(0, 33)),
                Field("client_certificate_key", secret=True, since=(0, 33)),
                Field("client_certificate_key_file", since=(0, 33)),
                Field("signature_algorithm", since=(0, 33)),
                Field("iss", since=(0, 33)),
                Field("audience", since=(0, 33)),
                Field("claims", "map", items="any", since=(0, 33)),
            ),
        ),
        Field("bearer_token", secret=True),
        Field("bearer_token_file"),
        TLS_CONFIG,
        Field("proxy_url", "url"),
        Field("proxy_connect_header", "map", items="any"),
        Field("no_proxy", since=(0, 26)),
        Field("proxy_from_environment", "bool", since=(0, 26)),
        Field("follow_redirects", "bool"),
        Field("enable_http2", "bool", since=(0, 25)),
        # prometheus/common's Header: each header name maps to {values, secrets, files}, never to text.
        Field("http_headers", "map", since=(0, 28), fields=(
            Field("values", "list", items="string"),
            Field("secrets", "list", items="string"),
            Field("files", "list", items="string"),
        )),
    ),
    doc="HTTP client settings: authorization, basic_auth, oauth2, tls_config, proxy_url.",
)


def _http(*parts: str) -> tuple[str, ...]:
    return ("http_config", *parts)


_ONE_AUTH = "Alertmanager takes at most one of basic_auth, authorization, oauth2 and bearer_token in http_config"
# prometheus/common's HTTPClientConfig.Validate, as the real amtool of each version applies it.
HTTP_CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(_http("authorization", "type"), when=("basic",),
               reason='Alertmanager refuses authorization type "basic" in http_config',
               hint="use http_config.basic_auth {username, password} instead"),
    Constraint(_http("basic_auth"), conflicts=(_http("authorization"), _http("oauth2"), _http("bearer_token")),
               reason=_ONE_AUTH, hint="keep one way of authenticating"),
    Constraint(_http("authorization"), conflicts=(_http("oauth2"), _http("bearer_token")),
               reason=_ONE_AUTH, hint="keep one way of authenticating"),
    Constraint(_http("oauth2"), conflicts=(_http("bearer_token"),),
               reason=_ONE_AUTH, hint="keep one way of authenticating"),
    Constraint(_http("oauth2"), needs_any=(_http("oauth2", "client_id"),),
               reason="Alertmanager needs http_config.oauth2.client_id when oauth2 is set", hint="add client_id"),
    Constraint(_http("oauth2"), needs_any=(_http("oauth2", "token_url"),),
               reason="Alertmanager needs http_config.oauth2.token_url when oauth2 is set", hint="add token_url"),
    Constraint(_http("no_proxy"), needs_any=(_http("proxy_url"),),
               reason="Alertmanager takes http_config.no_proxy only together with proxy_url",
               hint="add proxy_url, or remove no_proxy"),
    Constraint(_http("proxy_from_environment"), when=(True,), conflicts=(_http("proxy_url"),),
               reason="Alertmanager refuses proxy_url together with proxy_from_environment in http_config",
               hint="keep proxy_from_environment or proxy_url"),
    Constraint(_http("proxy_connect_header"), needs_any=(_http("proxy_url"), _http("proxy_from_environment")),
               reason="Alertmanager takes http_config.proxy_connect_header only with proxy_url "
               "(or proxy_from_environment)", hint="add proxy_url, or remove proxy_connect_header"),
)
HTTP_CONSTRAINTS += (
    Constraint(_http("oauth2", "no_proxy"), needs_any=(_http("oauth2", "proxy_url"),),
               reason="Alertmanager takes http_config.oauth2.no_proxy only together with oauth2.proxy_url",
               hint="add oauth2.proxy_url, or remove oauth2.no_proxy"),
    Constraint(_http("oauth2", "proxy_from_environment"), when=(True,), conflicts=(_http("oauth2", "proxy_url"),),
               reason="Alertmanager refuses oauth2.proxy_url together with oauth2.proxy_from_environment",
               hint="keep proxy_from_environment or proxy_url"),
    Constraint(_http("oauth2", "proxy_connect_header"),
               needs_any=(_http("oauth2", "proxy_url"), _http("oauth2", "proxy_from_environment")),
               reason="Alertmanager takes oauth2.proxy_connect_header only with oauth2.proxy_url "
               "(or proxy_from_environment)", hint="add oauth2.proxy_url, or remove proxy_connect_header"),
)


def tls_constraints(tls: tuple[str, ...]) -> tuple[Constraint, ...]:
    """prometheus/common's TLSConfig rule for the tls_config at ``tls``: the client certificate and its
    key go together (0.28+; earlier releases did not check). Every tls_config obeys it (http_config's,
    oauth2's, email's): :meth:`Integration.all_constraints` adds it wherever TLS_CONFIG is declared."""
    where = ".".join(tls)
    return (
        Constraint((*tls, "cert"), needs_any=((*tls, "key"), (*tls, "key_file")), since=(0, 28),
                   reason=f"Alertmanager needs {where}.key with cert (a certificate without its key)",
                   hint="add the key (encrypted), or remove cert"),
        Constraint((*tls, "key"), needs_any=((*tls, "cert"), (*tls, "cert_file")), since=(0, 28),
                   reason=f"Alertmanager needs {where}.cert with key (a key without its certificate)",
                   hint="add the certificate, or remove key"),
    )


for _tls in (_http("tls_config"), _http("oauth2", "tls_config")):
    HTTP_CONSTRAINTS += tls_constraints(_tls)

# Every tenant receiver with an http_config gets an explicit one from the build (render/build.py),
# so global.http_config (authorization, basic_auth, oauth2, client certificates) never reaches it.
HTTP_CONFIG_INHERIT = Inherit(("http_config",), ("http_config",), "credential", emitted=True)

# HTTP client settings that choose where a request goes (a proxy of the tenant's, a proxy taken
# from the environment or bypassed) or whether its TLS peer is checked against the real server.
HTTP_TRANSPORT: tuple[Transport, ...] = (
    Transport(("http_config", "proxy_url")),
    Transport(("http_config", "proxy_from_environment"), safe=(False,)),
    Transport(("http_config", "proxy_connect_header")),
    Transport(("http_config", "no_proxy")),
    Transport(("http_config", "tls_config", "insecure_skip_verify"), safe=(False,)),
    Transport(("http_config", "tls_config", "ca")),
    Transport(("http_config", "tls_config", "ca_file")),
    Transport(("http_config", "tls_config", "server_name")),
)
