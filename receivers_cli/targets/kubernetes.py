"""The kubernetes target: one Secret in the layout prometheus-operator's ``configSecret`` expects.

The operator reads the key ``alertmanager.yaml`` and copies every other key of the Secret into the
Secret it mounts at ``/etc/alertmanager/config/`` (flat: a key cannot hold ``/``). So the templates
are flat keys ``<tenant>.tmpl`` and the config's ``templates:`` glob is
``/etc/alertmanager/config/*.tmpl``; copied as the nested folder is, the glob would match nothing.
Secret policy: inline (the Secret is the deploy artefact; never commit it) or, with
``--secrets files``, a secret-free Secret whose ``*_file`` fields read ``--secrets-mount``. The
files there are nested (``<tenant>/<receiver>/<field>``), which a Secret's flat keys cannot hold, so
secret-free mode also writes ``secret-volume.yaml``: the Alertmanager resource's ``volumes`` and
``volumeMounts`` that mount the Secret of the values (``<name>-secret-files``, one flat key per
file) at the mount, each key placed at its nested path by ``items``. It holds names, no value.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from receivers_cli.render.layout import CONFIG_FILE, MANIFEST_FILE
from receivers_cli.render.yaml_emit import dump
from receivers_cli.targets.base import Rendered, RenderOptions
from receivers_cli.targets.native import render_native
from receivers_cli.targets.shared import header, remanifest, secret_size_note, valid_key

if TYPE_CHECKING:
    from receivers_cli.api.project import Project

# Where prometheus-operator mounts the (generated copy of the) config Secret in the Alertmanager pod.
MOUNT = "/etc/alertmanager/config"
CONFIG_KEY = "alertmanager.yaml"
SECRET_FILE = "secret.yaml"
VOLUME_FILE = "secret-volume.yaml"
VOLUME_NAME = "receivers-secret-files"

# Secret file names are written in [a-z0-9._-], "%XX" escapes (uppercase hex: A-F only), "~" and
# "/". A Secret key cannot hold "%", "~" or "/": each becomes an uppercase letter that never occurs
# in a name, so the flat key is as unique as the name.
_FLAT = str.maketrans({"/": "S", "%": "P", "~": "T"})


def secret_file_key(name: str) -> str:
    """The flat Secret key of a secret file (``acme/ops/api_url`` → ``acmeSopsSapi_url``)."""
    key = name.translate(_FLAT)
    if len(key) > 253:  # the API server's limit: the rest becomes a digest ("H" never occurs either)
        key = key[:200] + "H" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]
    if not valid_key(key):
        raise ValueError(f"secret file {name!r} has no valid Secret key")  # a bug of ours
    return key


def volume_patch(secret_files: list[str], mount: str, settings_name: str) -> dict[str, Any]:
    """``spec.volumes`` / ``spec.volumeMounts`` of the Alertmanager resource for the secret files."""
    return {"spec": {
        "volumes": [{"name": VOLUME_NAME, "secret": {
            "secretName": f"{settings_name}-secret-files",
            "items": [{"key": secret_file_key(name), "path": name} for name in sorted(secret_files)],
        }}],
        "volumeMounts": [{"name": VOLUME_NAME, "mountPath": mount.rstrip("/") or "/", "readOnly": True}],
    }}


def flat_keys(native: Rendered) -> dict[str, str]:
    """``alertmanager.yaml`` and each template by its flat key, checked to be valid Secret keys."""
    keys = {CONFIG_KEY: native.files[CONFIG_FILE]}
    for name, text in sorted(native.files.items()):
        if name.endswith(".tmpl"):
            # Tenant ids are [a-z0-9._-] (validation), so this holds; checked all the same, since
            # an invalid key would make the API server refuse the whole Secret.
            if not valid_key(name) or name == CONFIG_KEY:
                raise ValueError(f"template file {name!r} is not a valid Secret key")  # a bug of ours
            keys[name] = text
    return keys


class KubernetesTarget:
    name = "kubernetes"

    def render(self, project: Project, options: RenderOptions) -> Rendered:
        native = render_native(project, options, MOUNT)
        inline = options.secrets_mount is None and bool(native.secrets.values)
        settings = options.settings
        manifest: dict[str, Any] = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {
                "name": settings.name,
                "namespace": settings.namespace,
                "labels": {"app.kubernetes.io/managed-by": "receivers"},
            },
            "type": "Opaque",
            "stringData": flat_keys(native),
        }
        native.notes += secret_size_note(manifest["stringData"], SECRET_FILE)
        what = (f"the prometheus-operator config Secret (Alertmanager spec.configSecret: {settings.name}), "
                f"mounted at {MOUNT}/")
        files = {SECRET_FILE: dump(manifest, header(project.version, what, inline), blocks=True)}
        if options.secrets_mount is not None and native.secret_files:
            patch = volume_patch(list(native.secret_files), options.secrets_mount, settings.name)
            about = (f"the volume of the secret files for the Alertmanager resource (kubectl patch alertmanager "
                     f"NAME --type merge --patch-file {VOLUME_FILE}; a merge patch replaces spec.volumes and "
                     f"spec.volumeMounts whole). It names the Secret {settings.name}-secret-files, whose keys "
                     "hold the values: create it from --secrets-dir (docs/deployment.md)")
            files[VOLUME_FILE] = dump(patch, header(project.version, about, False), blocks=True)
        files[MANIFEST_FILE] = remanifest(native.files[MANIFEST_FILE], files, self.name)
        native.files = files
        native.private_files = frozenset({SECRET_FILE})
        return native
