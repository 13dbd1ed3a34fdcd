"""Benchmark at national scale: N synthetic units, their templates and returns, then every command.

    python bench/run.py                      # N = 3,321 (every commune of the country)
    python bench/run.py --units 100 --repeat 1 --sizes 100

Each figure is the median of --repeat runs of a whole command (process start, imports and all),
wall time and CPU time (the command and every process it waited for), timed in this same run beside
baselines over the same files:
  A. a plain loop of pandas.read_excel(path, engine="openpyxl")  (what an analyst would write)
  B. a loop that only reads the data sheet's values with python-calamine  (the floor for reading)
and, for start-up, the seven provinces of the default form checked beside `python -c pass` and
`python -c "import python_calamine"`, and `thidua --help`. Results are ratios to the baselines, since
absolute times differ from machine to machine; each target of the performance issue is judged from
them. The tables are printed and written as Markdown to bench/results/latest.md, and with --readme
between the bench markers of the README.
"""

from __future__ import annotations

import argparse
import compileall
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


MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")
SEVEN_REPEAT = 15  # the start-up figures are short: more runs for a steady median


@dataclass
class Measured:
    seconds: float  # wall time
    cpu: float  # user + system time of the command and of every process it waited for
    peak_mb: float


def run(cmd: list[str], cwd: Path) -> Measured:
    """Wall time, CPU time and peak resident memory of one command (the largest of its processes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the check found errors, as planted
        raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{proc.stderr.read().decode()}")
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(cmd: list[str], cwd: Path, repeat: int) -> Measured:
    return middle([run(cmd, cwd) for _ in range(repeat)])


def middle(runs: list[Measured]) -> Measured:
    """The median wall and CPU times of ``runs``, and the largest peak memory."""
    return Measured(statistics.median(r.seconds for r in runs), statistics.median(r.cpu for r in runs),
                    max(r.peak_mb for r in runs))


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


def compile_toolkit() -> None:
    """The toolkit's bytecode written once before timing, as installing the package writes it: where
    PYTHONDONTWRITEBYTECODE is set (as on some shared machines) every timed run would otherwise
    compile each module again, start-up the user never pays."""
    compileall.compile_dir(str(REPO / "toolkit"), quiet=1)


def thidua(*args: str) -> list[str]:
    """The command as users run it: the installed ``thidua`` script, else the module."""
    script = Path(sys.executable).with_name("thidua")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "toolkit.cli", *args]


def measure_seven(work: Path, repeat: int, seed: int) -> dict:
    """The common case: the default form's seven provinces, every one returned; start-up dominates."""
    form = find_form()
    rng = random.Random(seed)
    inbox = work / "seven" / "inbox"
    for unit in form.units:
        write_template(form, unit, inbox / template_name(unit), sample_values=sample_values(form, unit, rng))
    cwd = inbox.parent
    commands = {"pass": [sys.executable, "-c", "pass"],
                "calamine": [sys.executable, "-c", "import python_calamine"],
                "help": thidua("--help"),
                "check": thidua("check", "--form", str(form.path), "--inbox", "inbox", "-q")}
    # Taken in turns after one run each to warm the caches, so a busy spell on the machine falls on
    # every command alike rather than on one command's runs: these figures are compared as ratios.
    runs: dict[str, list[Measured]] = {key: [] for key in commands}
    for turn in range(1 + max(repeat, SEVEN_REPEAT)):
        for key, cmd in commands.items():
            measured = run(cmd, cwd)
            if turn:
                runs[key].append(measured)
    return {**{key: middle(taken) for key, taken in runs.items()}, "files": len(form.units)}


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


PER_FILE = ("generate", "generate_1", "check", "consolidate", "baseline_a", "baseline_b")


def per_file(r: dict, key: str, cpu: bool = False) -> float:
    """Milliseconds per file (per template for generate), wall or CPU."""
    took = r[key].cpu if cpu else r[key].seconds
    return took * 1000 / (r["n"] if key.startswith("generate") else r["files"])


def table(results: list[dict]) -> str:
    lines = [
        "| N | tệp | generate (ms/mẫu) | tăng tốc 2 tiến trình | check (ms/tệp: thực / CPU) "
        "| consolidate (ms/tệp: thực / CPU) | A: pandas+openpyxl (ms/tệp) | B: calamine (ms/tệp) "
        "| consolidate so với A | consolidate / B | RAM đỉnh check / consolidate (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        per = {k: per_file(r, k) for k in PER_FILE}
        cpu = {k: per_file(r, k, cpu=True) for k in ("check", "consolidate")}
        lines.append(
            f"| {r['n']:,} | {r['files']:,} | {per['generate']:.2f} | {per['generate_1'] / per['generate']:.2f}× "
            f"| {per['check']:.2f} / {cpu['check']:.2f} | {per['consolidate']:.2f} / {cpu['consolidate']:.2f} "
            f"| {per['baseline_a']:.2f} | {per['baseline_b']:.2f} "
            f"| {per['baseline_a'] / per['consolidate']:.1f}× nhanh hơn | {per['consolidate'] / per['baseline_b']:.1f}× "
            f"| {r['check'].peak_mb:.0f} / {r['consolidate'].peak_mb:.0f} |")
    return "\n".join(lines)


def start_table(seven: dict) -> str:
    lines = ["| lệnh (7 tỉnh) | thời gian thực (ms) | CPU (ms) |", "|---|---:|---:|"]
    names = (("pass", "`python -c pass`"), ("calamine", '`python -c "import python_calamine"`'),
             ("help", "`thidua --help`"), ("check", f"`thidua check` ({seven['files']} tệp)"))
    for key, name in names:
        lines.append(f"| {name} | {seven[key].seconds * 1000:.0f} | {seven[key].cpu * 1000:.0f} |")
    return "\n".join(lines)


def _flat(results: list[dict], key: str) -> float:
    """How far per-file times spread from N = 100 up: (slowest - fastest) / fastest."""
    times = [per_file(r, key) for r in results if r["n"] >= 100] or [per_file(r, key) for r in results]
    return max(times) / min(times) - 1


def marginal(results: list[dict], key: str) -> list[float]:
    """Milliseconds each further file costs between one N and the next (wall): the per-file time
    without the start-up that every run pays once."""
    ordered = sorted(results, key=lambda r: r["files"])
    return [(b[key].seconds - a[key].seconds) * 1000 / (b["files"] - a["files"])
            for a, b in zip(ordered, ordered[1:]) if b["files"] > a["files"]]


def marginal_line(results: list[dict]) -> str:
    slopes = marginal(results, "consolidate")
    if len(slopes) < 2 or min(slopes) <= 0:
        return ""
    shown = " / ".join(f"{s:.2f}" for s in slopes)
    grows = "tăng" if slopes[-1] > 1.25 * slopes[0] else "không tăng"
    return (f"Không tính phần khởi động trả một lần: mỗi tệp thêm vào tốn {shown} ms (`consolidate`, giữa các "
            f"N liền nhau), lệch {max(slopes) / min(slopes) - 1:.0%}: chi phí mỗi tệp {grows} theo N.\n\n")


def targets(results: list[dict], seven: dict) -> str:
    """Each target of the issue, judged from this run's ratios."""
    big = max(results, key=lambda r: r["n"])
    faster = per_file(big, "baseline_a") / per_file(big, "consolidate")
    over_b = per_file(big, "consolidate") / per_file(big, "baseline_b")
    check7 = seven["check"].seconds / seven["calamine"].seconds
    help_ = seven["help"].seconds / seven["pass"].seconds
    spread = _flat(results, "consolidate")
    peak = big["consolidate"].peak_mb
    n = f"N = {big['n']:,}".replace(",", ".")
    rows = [
        (f"`consolidate` nhanh hơn mốc A ít nhất 20 lần ({n})", f"{faster:.1f} lần", faster >= 20),
        (f"`consolidate` không chậm quá 4 lần mốc B ({n})", f"{over_b:.1f} lần", over_b <= 4),
        ("7 tỉnh: `thidua check` trong vòng 5 lần `import python_calamine`", f"{check7:.1f} lần", check7 <= 5),
        ("`thidua --help` trong vòng 3 lần `python -c pass`", f"{help_:.1f} lần", help_ <= 3),
        ("Thời gian mỗi tệp của `consolidate` lệch không quá ±25% giữa các N",
         f"lệch {spread * 100:.0f}%", spread <= 0.25),
        (f"RAM đỉnh của `consolidate` dưới 300 MB ({n})", f"{peak:.0f} MB", peak < 300),
    ]
    lines = ["| Mục tiêu | Lần đo này | Đạt? |", "|---|---:|---|"]
    lines += [f"| {what} | {found} | {'đạt' if met else 'chưa'} |" for what, found, met in rows]
    return "\n".join(lines)


def write_readme(readme: Path, report: str) -> None:
    """Replace what stands between the README's bench markers with ``report``."""
    text = readme.read_text(encoding="utf-8")
    start, end = (text.index(marker) for marker in MARKERS)
    text = f"{text[:start + len(MARKERS[0])]}\n{report}{text[end:]}"
    readme.write_text(text, encoding="utf-8")


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
    parser.add_argument("--readme", type=Path, default=None,
                        help="also write the tables between the bench markers of this README")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else sorted({min(100, args.units),
                                                                               min(1000, args.units), args.units})
    shutil.rmtree(args.work, ignore_errors=True)
    compile_toolkit()
    print("7 tỉnh …", file=sys.stderr, flush=True)
    seven = measure_seven(args.work, args.repeat, args.seed)
    results = []
    for n in sizes:
        print(f"N = {n:,} …", file=sys.stderr, flush=True)
        results.append(measure(args.work, n, args.repeat, args.errors, args.seed))
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = (f"Kết quả đo gần nhất (`bench/results/latest.md`), ms là mili giây trên một tệp (hoặc một biểu "
              f"mẫu); CPU gồm cả các tiến trình con:\n\n{table(results)}\n\nKhởi động, với 7 tỉnh của biểu mẫu "
              f"mặc định (trung vị của {max(args.repeat, SEVEN_REPEAT)} lượt, các lệnh chạy xen kẽ nhau):"
              f"\n\n{start_table(seven)}\n\n"
              f"Mục tiêu, tính từ các tỉ lệ của chính lần đo này:\n\n{targets(results, seven)}\n\n"
              f"{marginal_line(results)}"
              f"Máy đo: {machine()}. Lệnh: `{command.strip()}`; mỗi số là trung vị của {args.repeat} lần chạy "
              f"cả lệnh (kể cả khởi động Python; bytecode của toolkit được biên dịch trước, như khi cài gói).\n")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    if args.readme:
        write_readme(args.readme, report)
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
