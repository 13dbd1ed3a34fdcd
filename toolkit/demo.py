"""``thidua demo``: one whole reporting round on sample data, in a folder of its own."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from .form import COUNT_ROLES, Form, Unit
from .names import summary_path, templates_dir
from .checks.report import Report
from .write.template import generate, template_name, write_template

SEED = 2020


@dataclass(frozen=True)
class DemoRun:
    templates: Path
    inbox: Path
    returned: list[Path]
    missing: Unit
    report: Report
    summary: Path


def sample_values(form: Form, unit: Unit, rng: random.Random) -> dict[tuple[str, str], object]:
    """Plausible counts: fewer awards at the higher levels (earlier sections), Tổng số = the sum."""
    values: dict[tuple[str, str], object] = {}
    for level, section in enumerate(form.sections, start=1):
        for row in section.rows:
            parts = {role: rng.randint(0, 6 * level ** 2) for role in COUNT_ROLES[1:] if row.applies(role)}
            values.update({(row.key, role): n for role, n in parts.items()})
            values[(row.key, "total")] = sum(parts.values())
    return values


def run_demo(form: Form, folder: Path) -> DemoRun:
    """Templates for every unit, sample returns for all but the last, then check and consolidate."""
    from .checks.run import check
    from .write.summary import consolidate

    rng = random.Random(SEED)
    templates, inbox = templates_dir(form.id, folder / "outbox"), folder / "inbox"
    generate(form, templates)
    *senders, missing = form.units
    returned = []
    for i, unit in enumerate(senders):
        values = sample_values(form, unit, rng)
        first = form.rows[1 + i % (len(form.rows) - 1)]
        if i == 1:  # a row whose Tổng số does not match Tập thể + Cá nhân
            values[(first.key, "total")] = int(values[(first.key, "total")]) + 3
        if i == 2:  # numbers typed as text, the Vietnamese way
            values = {k: (f"{v:,}".replace(",", ".") if isinstance(v, int) and k[1] == "total" else v)
                      for k, v in values.items()}
        # Returns arrive renamed and in dated subfolders, as they do from mail attachments.
        sent = dt.datetime.combine(form.period.deadline, dt.time(9)) - dt.timedelta(days=len(senders) - i)
        target = inbox / sent.strftime("%Y-%m-%d") / template_name(unit).replace(".xlsx", " - bao cao.xlsx")
        returned.append(write_template(form, unit, target, sample_values=values, created=sent))
    report = check(form, inbox)
    summary = consolidate(report, summary_path(form.id, folder / "outbox")).path
    return DemoRun(templates, inbox, returned, missing, report, summary)
