"""Build a planted copy of the hostile corpus' base project and look at what came out."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from mailglot.cli import main

from .corpus import Link

BASE = Path(__file__).resolve().parent / "base"
OUTPUT_FILES = ("email.html", "email.txt", "email.eml", "preview.html", "email.mjml")
SECRET = "SECRET-OUTSIDE-THE-PROJECT"


@dataclass
class Planted:
    root: Path  # the project
    outside: Path  # a sibling folder nothing may read into the build, write or delete

    def snapshot(self) -> dict[str, str]:
        """Every file and link next to the project (and the project minus build/), hashed."""
        out = {}
        for folder in (self.outside, self.root):
            for dirpath, dirnames, filenames in os.walk(folder):
                here = Path(dirpath)
                if here == self.root:
                    dirnames[:] = [d for d in dirnames if d != "build"]
                for name in sorted(filenames + [d for d in dirnames if (here / d).is_symlink()]):
                    path = here / name
                    rel = path.relative_to(self.root.parent).as_posix()
                    if path.is_symlink():
                        out[rel] = "link:" + os.readlink(path)
                    else:
                        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        return out

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(main, ["--project", str(self.root), *args])

    def outputs(self) -> dict[str, str]:
        """Every output file of every job, as text."""
        build = self.root / "build"
        return {
            p.relative_to(build).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for name in OUTPUT_FILES
            for p in build.glob(f"*/*/*/{name}")
            if not p.is_symlink()
        }

    def digests(self) -> dict[str, str]:
        """Every file in every job's folder, hashed: equal before and after when a build
        kept the earlier outputs byte for byte."""
        build = self.root / "build"
        return {
            p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(build.glob("*/*/*/*"))
        }

    def built(self, job: str) -> bool:
        folder = self.root / "build" / job
        return all((folder / name).is_file() for name in (*OUTPUT_FILES, "meta.json"))


def plant(tmp: Path, files: dict[str, str | bytes | Link | None]) -> Planted:
    outside = tmp / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.mjml.j2").write_text(f"<mj-text>{SECRET}</mj-text>\n", encoding="utf-8")
    (outside / "keep").mkdir()
    (outside / "keep" / "file.txt").write_text("must survive\n", encoding="utf-8")
    root = tmp / "project"
    shutil.copytree(BASE, root)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        elif isinstance(content, Link):
            path.unlink(missing_ok=True)  # a file of the base project becomes the link
            path.symlink_to(outside / content.target)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return Planted(root, outside)


def lines_of(result: Result) -> list[str]:
    return [line.rstrip() for line in result.output.splitlines()]


def build_template_cases(tmp: Path, calls: dict[str, str]) -> tuple[Planted, Result]:
    """One build of the small project with, for each case, a campaign `t_<case>` whose
    template writes the case's Jinja in an mj-text on line 2: many template mistakes told by
    one build."""
    files: dict[str, str | bytes | Link | None] = {}
    for cid, call in calls.items():
        files[f"campaigns/t_{cid}.yaml"] = (
            f'template: t_{cid}.mjml.j2\nmarkets: all\nsubject: "Hello"\n'
        )
        files[f"templates/t_{cid}.mjml.j2"] = (
            '{% extends "layouts/base.mjml.j2" %}{% block content %}\n'
            f"<mj-text>{call}</mj-text>\n{{% endblock %}}\n"
        )
    planted = plant(tmp, files)
    return planted, planted.run("build", "--no-screenshots")
