"""Benchmark at national scale: N synthetic units, their templates and returns, then every command.

    python bench/run.py                      # N = 3,321 (every commune of the country)
    python bench/run.py --units 100 --repeat 1 --sizes 100

Each figure is the median of --repeat runs of a whole command (process start, imports and all),
timed in this same run beside two baselines over the same files:
  A. a plain loop of pandas.read_excel(path, engine="openpyxl")  (what an analyst would write)
  B. a loop that only reads the data sheet's values with python-calamine  (the floor for reading)
Results are ratios to the baselines, since absolute times differ from machine to machine. The table
is printed and written as Markdown to bench/results/latest.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from toolkit.demo import sample_values  # noqa: E402
from toolkit.form import find_form, load_form  # noqa: E402
from toolkit.write.template import template_name, write_template  # noqa: E402

BASELINE_A = """
import sys, pandas
for p in sys.argv[2:]:
    pandas.read_excel(p, sheet_name=sys.argv[1], engine="openpyxl")
"""
BASELINE_B = """
import sys
from python_calamine import CalamineWorkbook
for p in sys.argv[2:]:
    CalamineWorkbook.from_path(p).get_sheet_by_name(sys.argv[1]).to_python()
"""


@dataclass
class Measured:
    seconds: float
    peak_mb: float


def run(cmd: list[str], cwd: Path) -> Measured:
    """Wall time and peak resident memory of one command (the largest of its processes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the check found errors, as planted
        raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{proc.stderr.read().decode()}")
    return Measured(seconds, usage.ru_maxrss / 1024)


def median(cmd: list[str], cwd: Path, repeat: int) -> Measured:
    runs = [run(cmd, cwd) for _ in range(repeat)]
    return Measured(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def build(work: Path, n: int, error_share: float, seed: int) -> tuple[Path, list[Path]]:
    """A form with N units, and N returned files: random valid counts, some errors, a few duplicates."""
    base = find_form()
    text = base.path.read_text(encoding="utf-8")
    units_at = text.index("\n[units]")
    work.mkdir(parents=True, exist_ok=True)
    with open(work / "units.csv", "w", encoding="utf-8") as fh:
        fh.write("code,name,role\n")
        fh.writelines(f"{10000 + i},Đơn vị {i + 1:04d},thanh-vien\n" for i in range(n))
    form_path = work / "bench-form.toml"
    form_path.write_text(text[:units_at] + '\n[units]\nheading = "UBND {name}"\nsubheading = "VĂN PHÒNG"\n'
                         'file = "units.csv"\n', encoding="utf-8")
    form = load_form(form_path)
    rng = random.Random(seed)
    inbox = work / "inbox"
    returned = []
    for unit in form.units:
        values = sample_values(form, unit, rng)
        if rng.random() < error_share:
            key = rng.choice(form.rows).key
            values[(key, "total")] = int(values[(key, "total")]) + 1
        returned.append(write_template(form, unit, inbox / template_name(unit), sample_values=values))
    for path in returned[: max(1, n // 500)]:  # sent twice
        shutil.copy2(path, path.with_name(path.stem + " (2).xlsx"))
    _convert_some(returned, inbox, max(1, n // 1000))
    return form_path, sorted(p for p in inbox.rglob("*") if p.is_file())


def _convert_some(returned: list[Path], inbox: Path, count: int) -> None:
    """A few returns as .xls and .ods, through LibreOffice when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice not found: every return is .xlsx", file=sys.stderr)
        return
    for fmt, files in (("xls", returned[-count:]), ("ods", returned[-2 * count:-count])):
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{inbox.parent}/lo",
                        "--convert-to", fmt, "--outdir", str(inbox), *map(str, files)],
                       check=True, capture_output=True, timeout=600)
        for f in files:
            f.unlink()


def thidua(*args: str) -> list[str]:
    return [sys.executable, "-m", "toolkit.cli", *args]


def measure(work: Path, n: int, repeat: int, error_share: float, seed: int) -> dict:
    form_path, files = build(work / f"n{n}", n, error_share, seed)
    form = load_form(form_path)
    cwd = form_path.parent
    paths = [str(p) for p in files]
    out = {"n": n, "files": len(files)}
    out["generate"] = median(thidua("generate", "--form", str(form_path), "--out", "templates"), cwd, repeat)
    out["generate_1"] = median(thidua("generate", "--form", str(form_path), "--out", "templates", "--workers", "1"),
                               cwd, repeat)
    out["check"] = median(thidua("check", "--form", str(form_path), "--inbox", "inbox", "--json", "report.json"),
                          cwd, repeat)
    out["consolidate"] = median(thidua("consolidate", "--form", str(form_path), "--inbox", "inbox",
                                       "--output", "tong-hop.xlsx"), cwd, repeat)
    out["baseline_a"] = median([sys.executable, "-c", BASELINE_A, form.sheet, *paths], cwd, repeat)
    out["baseline_b"] = median([sys.executable, "-c", BASELINE_B, form.sheet, *paths], cwd, repeat)
    return out


def table(results: list[dict]) -> str:
    lines = [
        "| N | tệp | generate (ms/mẫu) | tăng tốc 2 tiến trình | check (ms/tệp) | consolidate (ms/tệp) "
        "| A: pandas+openpyxl (ms/tệp) | B: calamine (ms/tệp) | consolidate so với A | consolidate / B "
        "| RAM đỉnh check / consolidate (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        per = {k: r[k].seconds * 1000 / (r["n"] if k.startswith("generate") else r["files"])
               for k in ("generate", "generate_1", "check", "consolidate", "baseline_a", "baseline_b")}
        lines.append(
            f"| {r['n']:,} | {r['files']:,} | {per['generate']:.2f} | {per['generate_1'] / per['generate']:.2f}× "
            f"| {per['check']:.2f} | {per['consolidate']:.2f} | {per['baseline_a']:.2f} | {per['baseline_b']:.2f} "
            f"| {per['baseline_a'] / per['consolidate']:.1f}× nhanh hơn | {per['consolidate'] / per['baseline_b']:.1f}× "
            f"| {r['check'].peak_mb:.0f} / {r['consolidate'].peak_mb:.0f} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} lõi ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=3321, help="N, the number of units")
    parser.add_argument("--sizes", default=None, help="comma-separated Ns to measure (default: 100,1000,N)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is kept")
    parser.add_argument("--errors", type=float, default=0.05, help="share of returns with a planted error")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--work", type=Path, default=HERE / "results" / "work", help="scratch folder")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "latest.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else sorted({min(100, args.units),
                                                                               min(1000, args.units), args.units})
    shutil.rmtree(args.work, ignore_errors=True)
    results = []
    for n in sizes:
        print(f"N = {n:,} …", file=sys.stderr, flush=True)
        results.append(measure(args.work, n, args.repeat, args.errors, args.seed))
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = (f"{table(results)}\n\nMáy đo: {machine()}. Lệnh: `{command.strip()}`; "
              f"mỗi số là trung vị của {args.repeat} lần chạy cả lệnh (kể cả khởi động Python).\n")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
