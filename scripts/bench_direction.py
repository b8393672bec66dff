"""What the direction steps cost per job, next to the MJML compiler they run beside.

    mailglot build --no-screenshots            # any built project
    python scripts/bench_direction.py build/*/*/*/email.mjml

Each email.mjml is oriented again for a left-to-right and a right-to-left locale, compiled,
and its email.html given lang/dir; the medians per job are printed in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import timeit
from pathlib import Path

from mailglot.render.direction import orient
from mailglot.render.document import mark_language
from mailglot.render.mjml import compile_mjml


def best_ms(call: object, number: int = 50) -> float:
    return min(timeit.repeat(call, number=number, repeat=3)) / number * 1000  # type: ignore[arg-type]


def main(paths: list[str]) -> None:
    rows: dict[str, list[float]] = {"orient ltr": [], "orient rtl": [], "mark": [], "compile": []}
    for name in paths:
        mjml = Path(name).read_text(encoding="utf-8")
        html = Path(name).with_name("email.html").read_text(encoding="utf-8")
        rows["orient ltr"].append(best_ms(lambda m=mjml: orient(m, "en-US", "ltr")))
        rows["orient rtl"].append(best_ms(lambda m=mjml: orient(m, "ar-SA", "rtl")))
        rows["mark"].append(best_ms(lambda h=html: mark_language(h, "ar-SA", "rtl")))
        rows["compile"].append(best_ms(lambda m=mjml: compile_mjml(m)))
    print(f"{len(paths)} job(s); median ms per job")
    for step, values in rows.items():
        print(f"  {step:<11} {statistics.median(values):7.3f}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
