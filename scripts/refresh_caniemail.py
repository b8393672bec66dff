"""Refresh mailglot's copy of the caniemail.com support data (MIT licence).

Downloads the `caniemail` package from the npm registry (no Node needed), keeps what the
client-support check reads (slug, title, category, url, notes, stats: every client family,
platform and version, in the data's own order) and writes it, with the licence notice, to
src/mailglot/checks/data/.

    .venv/bin/python scripts/refresh_caniemail.py            # the latest release
    .venv/bin/python scripts/refresh_caniemail.py 2.0.2      # a given version
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

REGISTRY = "https://registry.npmjs.org/caniemail"
DATA = Path(__file__).resolve().parent.parent / "src/mailglot/checks/data"
NOTICE = """
The support data itself comes from caniemail.com by Rémi Parmentier
(https://github.com/hteumeuleu/caniemail), MIT licensed; the npm package above packages it.
"""
KEEP = ("slug", "title", "category", "url", "notes_by_num", "stats")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def main(version: str = "latest") -> None:
    info = json.loads(fetch(f"{REGISTRY}/{version}"))
    tarball = fetch(info["dist"]["tarball"])

    def member(name: str) -> bytes:
        with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
            handle = archive.extractfile(f"package/{name}")
            if handle is None:
                raise SystemExit(f"caniemail {info['version']} has no {name}")
            return handle.read()

    source = json.loads(member("data/caniemail.json"))
    data = {
        "source": f"caniemail {info['version']} (npm), https://www.caniemail.com",
        "last_update_date": source["last_update_date"],
        "nicenames": source["nicenames"],
        "data": [{k: f.get(k) for k in KEEP} for f in source["data"]],
    }
    DATA.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    (DATA / "caniemail.json").write_text(text + "\n", encoding="utf-8")
    (DATA / "caniemail-LICENSE").write_bytes(member("LICENSE") + NOTICE.encode())
    print(f"caniemail {info['version']}: {len(data['data'])} features -> {DATA}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
