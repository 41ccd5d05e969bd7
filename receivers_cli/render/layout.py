"""The names inside a rendered folder, shared by what writes it (targets/native.py, render/build.py)
and what reads it back (importers/rendered_folder.py, render/carry_over.py, render/output.py)."""

CONFIG_FILE = "alertmanager.yml"
MANIFEST_FILE = "manifest.json"
TEMPLATES_DIR = "templates"
TEMPLATES_GLOB = f"{TEMPLATES_DIR}/*.tmpl"  # the config's `templates:` entry, relative to the folder
