"""Writing a new KPI actual as a job of the file keeper (:mod:`roadmap_tui.ui.writer`).

The keeper runs one file job at a time in a worker thread — status changes, undo,
checks for edits on disk — so the KPI view's write never races a reload. The job
appends the ``[[kpis.actuals]]`` entry with
:func:`roadmap_tui.commands.kpi_set.append_actual` (the minimal-diff, crash-safe,
conflict-checked write of ``roadmap kpi-set``), reloads only that file, and hands
back an undo record, so ``u`` takes the value back like a status change.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_tui.commands.kpi_set import append_actual
from roadmap_tui.core.atomic import Fingerprint
from roadmap_tui.core.dates import parse_period
from roadmap_tui.core.errors import ConflictError, UpdateError
from roadmap_tui.core.model import KPI
from roadmap_tui.i18n import _
from roadmap_tui.kpitext import format_date, value_text
from roadmap_tui.ui.kpi_entry import KpiActual
from roadmap_tui.ui.watch import LoadedFiles, completed, reload_paths
from roadmap_tui.ui.writer import Job, Notice, Outcome, written


def actual_label(kpi: KPI, actual: KpiActual, lang: str, fiscal_year_start_month: int) -> str:
    """``オンライン利用率: 61.5%（令和8年11月22日）``: the actual as notices and undo name it."""
    period = parse_period(actual.when, fiscal_year_start_month=fiscal_year_start_month)
    return _("{kpi}: {value} ({date})").format(
        kpi=kpi.title_for(lang),
        value=value_text(kpi, float(actual.value), lang),
        date=format_date(period, lang),
    )


def actual_job(
    actual: KpiActual,
    path: str,
    kpi: KPI,
    lang: str,
    fiscal_year_start_month: int = 4,
    *,
    seen: Fingerprint | None = None,
) -> Job:
    """The keeper's job that appends ``actual`` to the KPI in ``path`` (see module docstring).

    ``seen``: the file as the user saw it when they chose the KPI (the roadmap's
    fingerprint on screen). The write is checked against that, not against a load made
    later, so an edit on disk in between is a conflict rather than silently new ground.
    """
    label = actual_label(kpi, actual, lang, fiscal_year_start_month)

    def job(files: LoadedFiles) -> Outcome:
        files = completed(files)
        name = Path(path).name
        state = files.files.get(path)
        if state is None or state.shown is None:
            text = _("{file} is no longer loaded; nothing was written").format(file=name)
            return Outcome(files, [Notice(text, "error")])
        try:
            loaded = seen or state.shown.fingerprint
            applied = append_actual(path, actual.kpi_id, actual.when, actual.value,
                                    actual.note, loaded=loaded)  # fmt: skip
        except ConflictError as exc:
            # nothing written: show the file as it is now, and say so plainly
            reloaded, _events = reload_paths(files, [path])
            text = _(
                "{file} changed on disk since it was loaded, so nothing was written. "
                "The roadmaps were reloaded: add the value again."
            ).format(file=name)
            return Outcome(reloaded, [Notice(f"{text}\n{exc}", "error")])
        except (UpdateError, OSError) as exc:
            text = _("Nothing was written to {file}: {reason}").format(file=name, reason=exc)
            return Outcome(files, [Notice(text, "error")])
        done = _("Recorded {change} in {file} (u undoes it)").format(change=label, file=name)
        return written(files, applied, label, done)

    return job


__all__ = ["actual_job", "actual_label"]
