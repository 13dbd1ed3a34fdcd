"""``thidua demo``: one whole reporting round on sample data, in a folder of its own."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .form import Form, Unit
from .formats import number_vn
from .rules import GroupRule, RowRule
from . import texts
from .feedback import CONFIRMATION, CORRECTIONS, REMINDER, Feedback, write_feedback
from .names import feedback_dir, summary_path, templates_dir
from .checks.report import Report
from .write.template import generate, template_name, write_template

SEED = 2020


@dataclass(frozen=True)
class DemoRun:
    templates: Path
    inbox: Path
    returned: list[Path]
    missing: Unit
    first: Report      # the check before any correction
    feedback: Feedback
    corrected: Path    # the file one unit sent back after reading its feedback
    report: Report     # the check after it
    summary: Path


def sample_values(form: Form, unit: Unit, rng: random.Random) -> dict[tuple[str, str], object]:
    """Plausible values: fewer awards at the higher levels (earlier sections), each rule's column
    computed from its parts, rows that make up a whole adding up to it."""
    values: dict[tuple[str, str], object] = {}
    targets = {rule.target for rule in form.rules if isinstance(rule, RowRule)}
    for level, section in enumerate(form.sections, start=1):
        for row in section.rows:
            for key in form.value_keys:
                if row.applies(key) and key not in targets:
                    values[(row.key, key)] = _sample(form, row, key, level, rng)
            for rule in form.rules:
                if isinstance(rule, RowRule) and form.column[rule.target].input and rule.applies(row):
                    parts = {k: values.get((row.key, k)) for k in rule.operands if row.applies(k)}
                    values[(row.key, rule.target)] = rule.value(parts)
    for rule in form.rules:
        if isinstance(rule, GroupRule):  # shares of a whole: random weights scaled to the total
            weights = [rng.uniform(1, 10) for _ in rule.rows]
            places = form.column[rule.column].places
            shares = [round(rule.total * w / sum(weights), places) for w in weights]
            shares[-1] = round(rule.total - sum(shares[:-1]), places)
            values.update({(key, rule.column): share for key, share in zip(rule.rows, shares)})
    return values


def _sample(form: Form, row, key: str, level: int, rng: random.Random):
    places = form.places(row, key)
    if form.column[key].kind == "count" or places == 0:
        return rng.randint(0, 6 * level ** 2)
    if form.negative_allowed(row, key):  # a rate of growth
        return round(rng.uniform(-3, 12), places)
    high = 120.0 if form.column[key].kind == "percent" else 10.0 ** rng.randint(2, 4)
    return round(rng.uniform(0, high), places)


def run_demo(form: Form, folder: Path) -> DemoRun:
    """One round as a loop on sample data: templates for every unit, returns from all but the last
    (two with mistakes), a check, feedback to every unit, a corrected file from the unit whose
    total was wrong, a second check that shows what changed, and the summary."""
    from .checks.run import check
    from .write.summary import consolidate

    rng = random.Random(SEED)
    outbox = folder / "outbox"
    templates, inbox = templates_dir(form.id, outbox), folder / "inbox"
    generate(form, templates)
    *senders, missing = form.units
    returned, wrong_total = [], None
    shown = form.value_keys[0]
    for i, unit in enumerate(senders):
        values = sample_values(form, unit, rng)
        if i == 1:  # a total that does not match its parts
            wrong_total = (unit, dict(values))
            cell = _a_total(form, i)
            values[cell] = values[cell] + 3
        if i == 2:  # numbers typed as text, the Vietnamese way
            values = {k: (number_vn(v) if isinstance(v, (int, float)) and k[1] == shown else v)
                      for k, v in values.items()}
        # Returns arrive renamed and in dated subfolders, as they do from mail attachments.
        sent = dt.datetime.combine(form.period.deadline, dt.time(9)) - dt.timedelta(days=len(senders) - i)
        returned.append(write_template(form, unit, _arrived(inbox, unit, sent), sample_values=values, created=sent))
    first_report = check(form, inbox)
    feedback = write_feedback(first_report, feedback_dir(form.id, outbox), today=sent.date())
    # The unit with the wrong total reads its feedback, corrects the cell and sends the file again.
    unit, values = wrong_total
    again = dt.datetime.combine(form.period.deadline, dt.time(8))
    corrected = write_template(form, unit, _arrived(inbox, unit, again), sample_values=values, created=again)
    report = check(form, inbox)
    summary = consolidate(report, summary_path(form.id, outbox)).path
    return DemoRun(templates, inbox, returned, missing, first_report, feedback, corrected, report, summary)


def _a_total(form: Form, i: int) -> tuple[str, str]:
    """A cell a total is typed in: a rule's column on some row (a count table), else a share of a
    whole (rows that add up)."""
    for rule in form.rules:
        if isinstance(rule, RowRule) and form.column[rule.target].input:
            rows = [r for r in form.rows if rule.applies(r)]
            return rows[(1 + i) % len(rows)].key, rule.target
    group = next((rule for rule in form.rules if isinstance(rule, GroupRule)), None)
    if group is not None:
        return group.rows[0], group.column
    # No rule a unit types against: any value it types, off by 3 all the same.
    return next((r.key, k) for r in form.rows for k in form.value_keys if r.applies(k) and form.column[k].input)


def _arrived(inbox: Path, unit: Unit, sent: dt.datetime) -> Path:
    return inbox / sent.strftime("%Y-%m-%d") / template_name(unit).replace(".xlsx", " - bao cao.xlsx")


def demo_lines(run: DemoRun) -> list[str]:
    """What the demonstration did, step by step, in the user's words."""
    from .checks.revisions import describe

    kinds = Counter(letter.kind for letter in run.feedback.letters)
    unit = next(f for f in run.report.files if f.revision)
    words = {"templates": len(run.report.units), "template_dir": run.templates, "returned": len(run.returned),
             "inbox": run.inbox, "missing": run.missing.name, "summary_path": run.summary,
             "first": texts.CHECK_SUMMARY.format(**run.first.summary), "feedback_dir": run.feedback.folder,
             "corrections": kinds[CORRECTIONS], "confirmations": kinds[CONFIRMATION], "reminders": kinds[REMINDER],
             "corrected": run.corrected.relative_to(run.inbox), "revision": describe(unit.revision), "corrector": run.report.form.units_by_code[unit.unit].name,
             "summary": texts.CHECK_SUMMARY.format(**run.report.summary)}
    return [step.format(**words) for step in texts.DEMO_STEPS]
