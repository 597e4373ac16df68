"""The peer pipeline: the same content built the way many people would, matplotlib charts and pandoc.

Issue 11 measures our build against this pipeline, so it lives here to be timed beside ours
(bench/targets.py). It reads a content file with PyYAML (no validation, no checks), paints each
chart as a PNG with matplotlib (a Figure with the Agg canvas, no pyplot; bars or horizontal bars
with value labels, in the shipped Carlito typeface), writes one Markdown file (title block,
headings, bullets, stat cards as bold figures in a list, tables as pipe tables, chart images with
captions, a source line under each block, the source list at the end), then runs pandoc twice, as
a user would from a shell: Markdown to PPTX, and Markdown to PDF with `--pdf-engine=typst`.

Timing the whole of `python bench/peer.py ...` as one process gives what the issue calls the
peer's whole-process time: this process's start-up, imports, charts and Markdown, plus the two
pandoc processes (and the typst process pandoc starts).

Tools, bench-only (bench/requirements.txt): `pypandoc-binary` ships a pandoc binary, found on the
PATH or inside the installed `pypandoc` package without importing it. Typst: a `typst` executable
on the PATH or beside this Python is used when there is one; otherwise PyPI's `typst` package,
which is a Python binding to the typst compiler and ships no command, is wrapped in a small
`typst compile IN OUT` script written to a scratch folder and handed to pandoc as its engine. That
wrapper starts a Python interpreter and imports the binding, a few tens of milliseconds that a
native typst binary would not spend (measure it with --engine-overhead).

    python bench/peer.py [CONTENT] [--out DIR] [--format pdf,pptx] [--keep] [--times]
    python bench/peer.py --engine-overhead     # start-up cost of the typst wrapper, in ms

CONTENT defaults to content/briefing.yaml; outputs go to output/peer/ as NAME.pdf and NAME.pptx
(with --keep, also NAME.md and NAME-charts/).
"""

from __future__ import annotations

import time

START = time.perf_counter()  # before the other imports, so the first stage counts them

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

TIMES = "--times" in sys.argv
ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "generator" / "fonts"
SERIES = ("#1F4E79", "#4A9BAE", "#D9B15C", "#A65D43", "#111827")
INK, MUTED, RULE = "#1B2333", "#4D5666", "#C9D0DA"
CHART_SIZE, CHART_DPI = (10.0, 5.0), 150  # inches, dots per inch: 1500 x 750 px, for a slide and a page alike

TYPST_WRAPPER = '''#!{python}
"""`typst compile IN OUT [--root DIR] [--font-path DIR]...`, as pandoc calls it, on the typst Python binding."""
import sys
import typst

args, fonts, root = [], [], None
argv = iter(sys.argv[1:])
for arg in argv:
    if arg.startswith("--font-path"):
        fonts.append(arg.split("=", 1)[1] if "=" in arg else next(argv))
    elif arg.startswith("--root"):
        root = arg.split("=", 1)[1] if "=" in arg else next(argv)
    elif not arg.startswith("-"):
        args.append(arg)
if args[:1] != ["compile"] or len(args) != 3:
    sys.exit("usage: typst compile IN OUT [--root DIR] [--font-path DIR]")
typst.compile(args[1], output=args[2], root=root, font_paths=fonts)
'''


# Numbers, as the content's `format` asks: number (grouped), compact (485K), percent; decimals, prefix, suffix.

def number_format(spec) -> dict:
    if spec is None:
        return {"style": "number"}
    if isinstance(spec, str):
        return {"style": spec}
    return {"style": spec.get("style", "number"), **{k: spec[k] for k in ("decimals", "prefix", "suffix") if k in spec}}


def natural_decimals(value: float) -> int:
    """As many decimals as the value is written with, up to 3."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return min(3, max(0, -exponent)) if isinstance(exponent, int) else 0


def shown(value, fmt: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, (int, float)):
        return str(value)
    decimals = fmt.get("decimals")
    magnitude, unit = abs(value), ""
    if fmt["style"] == "compact":
        for step, letter in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
            if magnitude >= step:
                magnitude, unit = magnitude / step, letter
                break
        decimals = min(1, natural_decimals(magnitude)) if decimals is None else decimals
    elif decimals is None:
        decimals = natural_decimals(magnitude)
    body = f"{Decimal(repr(float(magnitude))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,.{decimals}f}"
    if fmt.get("decimals") is None and "." in body:
        body = body.rstrip("0").rstrip(".")  # a computed 0.30000000000000004 shows as 0.3
    sign = "-" if value < 0 else ""
    return f"{sign}{fmt.get('prefix', '')}{body}{unit}{'%' if fmt['style'] == 'percent' else ''}{fmt.get('suffix', '')}"


# Markdown.

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$@~^])")


def md(text) -> str:
    """Text as literal Markdown: pandoc's special characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def cell(text) -> str:
    return md(text) if text not in (None, "") else " "


def source_line(keys, sources: dict) -> str:
    keys = [keys] if isinstance(keys, str) else list(keys or ())
    names = [md(sources.get(key, {}).get("short") or sources.get(key, {}).get("title") or key) for key in keys]
    return f"*Source: {', '.join(names)}*" if names else ""


def block_markdown(kind: str, block: dict, sources: dict, chart_path) -> list[str]:
    out: list[str] = []
    if kind == "stats":
        out.append(f"## {md(block.get('title') or 'Key figures')}")
        out.append("\n".join(f"- **{md(shown(card['value'], number_format(card.get('format'))))}** {md(card['label'])} "
                             f"({source_line(card['source'], sources)})" for card in block["cards"]))
    elif kind == "chart":
        out.append(f"## {md(block['title'])}")
        if block.get("subtitle"):
            out.append(md(block["subtitle"]))
        out.append(f"![{md(block['title'])}]({chart_path(block)})")
        out += [md(block["note"])] if block.get("note") else []
        out.append(source_line(block["sources"], sources))
    elif kind == "table":
        columns = [{"name": c} if isinstance(c, str) else c for c in block["columns"]]
        formats = [number_format(c["format"]) if "format" in c else None for c in columns]
        out.append(f"## {md(block['title'])}")
        table = ["| " + " | ".join(md(c["name"]) for c in columns) + " |",
                 "|" + "|".join("---:" if f else ":---" for f in formats) + "|"]
        table += ["| " + " | ".join(cell(shown(v, f) if f else v) for v, f in zip(row, formats)) + " |" for row in block["rows"]]
        out.append("\n".join(table))
        out += [md(block["note"])] if block.get("note") else []
        out.append(source_line(block["sources"], sources))
    elif kind == "bullets":
        out.append(f"## {md(block['title'])}")
        out += [md(block["intro"])] if block.get("intro") else []
        out.append("\n".join(f"- **{md(item['lead'])}:** {md(item['text'])}" if isinstance(item, dict) and item.get("lead")
                             else f"- {md(item['text'] if isinstance(item, dict) else item)}" for item in block["items"]))
        out += [source_line(block["sources"], sources)] if block.get("sources") else []
    elif kind == "callout":
        out.append(f"> {md(block['text'])}\n>\n> {source_line(block['sources'], sources)}")
    return out


def source_entry(source: dict) -> str:
    parts = [md(source["title"])]
    parts += [md(source[key]) for key in ("publisher", "date") if source.get(key)]
    entry = ". ".join(p.rstrip(".") for p in parts) + "."
    return entry + (f" <{source['url']}>" if source.get("url") else "")


def markdown(data: dict, chart_path) -> str:
    sources = data.get("sources") or {}
    head = ["---", f"title: {yaml_scalar(data.get('title', ''))}"]
    head += [f"subtitle: {yaml_scalar(data['subtitle'])}"] if data.get("subtitle") else []
    head += [f"author: {yaml_scalar(data['author'])}"] if data.get("author") else []
    head += [f"date: {yaml_scalar(str(data['date']))}"] if data.get("date") else []
    head.append("---")
    parts = ["\n".join(head)]
    if data.get("marking"):
        parts.append(f"**{md(data['marking'])}**")
    for section in data.get("sections") or ():
        parts.append(f"# {md(section['title'])}")
        for entry in section.get("blocks") or ():
            (kind, block), = entry.items()
            parts += block_markdown(kind, block, sources, chart_path)
    parts.append("# Sources")
    parts.append("\n".join(f"{n}. {source_entry(s)}" for n, s in enumerate(sources.values(), 1)))
    return "\n\n".join(p for p in parts if p) + "\n"


def yaml_scalar(text: str) -> str:
    return '"' + " ".join(str(text).split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


# Charts.

class Painter:
    """matplotlib set up once (Agg, the Carlito faces registered), then one PNG per chart."""

    def __init__(self):
        import matplotlib
        matplotlib.use("Agg")
        from matplotlib import font_manager
        for face in ("Regular", "Bold", "Italic"):
            font_manager.fontManager.addfont(str(FONTS / f"Carlito-{face}.ttf"))
        matplotlib.rcParams.update({"font.family": "Carlito", "font.size": 13, "text.color": INK, "axes.edgecolor": MUTED,
                                    "xtick.color": MUTED, "ytick.color": MUTED, "axes.titlesize": 16, "axes.titleweight": "bold"})

    def paint(self, block: dict, target: Path) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter
        categories = [str(c) for c in block["categories"]]
        series = block["series"]
        fmt = number_format(block.get("format"))
        horizontal = block.get("type", "bar") == "hbar"
        fig = Figure(figsize=CHART_SIZE, dpi=CHART_DPI, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        width = 0.8 / len(series)
        for index, one in enumerate(series):
            offsets = [c + (index - (len(series) - 1) / 2) * width for c in range(len(categories))]
            colour = SERIES[index % len(SERIES)]
            label = one.get("name") or block["title"]
            bars = (ax.barh(offsets, one["values"], height=width, color=colour, label=label) if horizontal
                    else ax.bar(offsets, one["values"], width=width, color=colour, label=label))
            ax.bar_label(bars, labels=[shown(v, fmt) for v in one["values"]], padding=3, fontsize=10 if len(categories) > 12 else 12)
        ticks = range(len(categories))
        value_axis = ax.xaxis if horizontal else ax.yaxis
        value_axis.set_major_formatter(FuncFormatter(lambda v, _: shown(v, fmt)))
        if horizontal:
            ax.set_yticks(ticks, categories)
            ax.invert_yaxis()
            ax.grid(axis="x", color=RULE, linewidth=0.5)
        else:
            ax.set_xticks(ticks, categories, rotation=30 if len(categories) > 8 else 0, ha="right" if len(categories) > 8 else "center")
            ax.grid(axis="y", color=RULE, linewidth=0.5)
        ax.set_axisbelow(True)
        ax.margins(**{"x" if horizontal else "y": 0.12})
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.set_title(block["title"], loc="left")
        if len(series) > 1:
            ax.legend(frameon=False)
        fig.savefig(target, format="png", dpi=CHART_DPI, facecolor="white")


def pandoc() -> str:
    found = shutil.which("pandoc")
    if found:
        return found
    spec = importlib.util.find_spec("pypandoc")  # finds the package without importing it
    if spec and spec.submodule_search_locations:
        candidate = Path(next(iter(spec.submodule_search_locations))) / "files" / "pandoc"
        if candidate.exists():
            return str(candidate)
    sys.exit("peer: no pandoc; pip install pypandoc-binary (see bench/requirements.txt)")


def typst_engine(scratch: Path) -> str:
    """A typst command for pandoc: a real binary on the PATH or beside this Python, else the wrapper."""
    found = shutil.which("typst", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found:
        return found
    if importlib.util.find_spec("typst") is None:
        sys.exit("peer: no typst; pip install typst (see bench/requirements.txt)")
    wrapper = scratch / "typst"  # pandoc picks the engine by the command's name
    wrapper.write_text(TYPST_WRAPPER.format(python=sys.executable), encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper)


def build(content: Path, out: Path, formats: tuple[str, ...], keep: bool) -> list[Path]:
    data = yaml.load(content.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="peer-") as scratch_name:
        scratch = Path(scratch_name)
        work = out if keep else scratch
        charts = work / f"{content.stem}-charts"
        charts.mkdir(exist_ok=True)
        painter: list[Painter] = []
        painted: list[Path] = []

        def chart_path(block: dict) -> str:
            if not painter:
                painter.append(Painter())  # matplotlib is imported only when there is a chart to paint
            target = charts / f"chart-{len(painted) + 1:02d}.png"
            painted.append(target)
            painter[0].paint(block, target)
            return target.relative_to(work).as_posix()

        source = work / f"{content.stem}.md"
        source.write_text(markdown(data, chart_path), encoding="utf-8")
        stage("Markdown and charts")
        written = []
        command = [pandoc(), source.name, "--from", "markdown", "--resource-path", str(work)]
        if "pptx" in formats:
            written.append(out / f"{content.stem}.pptx")
            subprocess.run([*command, "-o", str(written[-1].resolve())], check=True, cwd=work)
            stage("pandoc to PPTX")
        if "pdf" in formats:
            written.append(out / f"{content.stem}.pdf")
            # pandoc hands typst its images by absolute paths, which typst reads inside its root: hence --root=/
            paper = "us-letter" if str(data.get("page_size", "A4")).lower() == "letter" else "a4"
            subprocess.run([*command, "-o", str(written[-1].resolve()), f"--pdf-engine={typst_engine(scratch)}",
                            "--pdf-engine-opt=--root=/", f"--pdf-engine-opt=--font-path={FONTS}", "-V", "mainfont=Carlito", "-V", f"papersize={paper}"],
                           check=True, cwd=work)
            stage("pandoc to PDF (typst)")
    return written


def stage(name: str, _last: list[float] = []) -> None:
    """With --times, the time since the previous stage (the first: since the script's imports began) on stderr."""
    if not TIMES:
        return
    now = time.perf_counter()
    start = _last[0] if _last else START
    print(f"peer: {name}: {(now - start) * 1000:.0f} ms", file=sys.stderr)
    _last[:] = [now]


def engine_overhead(runs: int = 5) -> None:
    """The typst wrapper's own start-up (interpreter and binding import), which a native binary would not pay."""
    import statistics
    import time
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import typst"], check=True)
        times.append(time.perf_counter() - start)
    print(f"typst wrapper start-up: {statistics.median(times) * 1000:.0f} ms median of {runs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, nargs="?", default=ROOT / "content" / "briefing.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "peer")
    parser.add_argument("--format", default="pdf,pptx")
    parser.add_argument("--keep", action="store_true", help="keep the Markdown and chart PNGs beside the outputs")
    parser.add_argument("--times", action="store_true", help="print each stage's time on stderr")
    parser.add_argument("--engine-overhead", action="store_true", help="time the typst wrapper's start-up and exit")
    args = parser.parse_args()
    if args.engine_overhead:
        return engine_overhead()
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    for path in build(args.content, args.out, formats, args.keep):
        print(path)


if __name__ == "__main__":
    main()
