"""The benchmark's figures: ``bench/results.json`` and the PASS/FAIL table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS_PATH = Path(__file__).resolve().parent / "results.json"


@dataclass(frozen=True)
class Metric:
    name: str
    value: float
    unit: str
    budget: float | None = None  # None: reported for information, no budget
    better: str = "lower"  # "lower" or "higher"

    def __post_init__(self) -> None:
        if self.better not in ("lower", "higher"):
            raise ValueError(f"better must be 'lower' or 'higher', not {self.better!r}")

    @property
    def passed(self) -> bool | None:
        if self.budget is None:
            return None
        if self.better == "lower":
            return self.value <= self.budget
        return self.value >= self.budget


def write_results(dataset: dict[str, int], metrics: list[Metric], path: Path = RESULTS_PATH):
    """Writes ``{"dataset": {...}, "metrics": [{name, value, unit, budget, better}]}``."""
    document = {"dataset": dict(dataset), "metrics": [asdict(metric) for metric in metrics]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return document


def _number(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.1f}"


def format_table(metrics: list[Metric]) -> str:
    """One line per metric: value, budget and PASS/FAIL (blank when there is no budget)."""
    rows = [("metric", "value", "unit", "budget", "result")]
    for metric in metrics:
        budget = ""
        if metric.budget is not None:
            budget = ("≤ " if metric.better == "lower" else "≥ ") + _number(metric.budget)
        verdict = {True: "PASS", False: "FAIL", None: ""}[metric.passed]
        rows.append((metric.name, _number(metric.value), metric.unit, budget, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for index, row in enumerate(rows):
        lines.append(
            "  ".join(
                cell.rjust(width) if i in (1, 3) else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def all_passed(metrics: list[Metric]) -> bool:
    return all(metric.passed is not False for metric in metrics)
