"""The `briefing` command line. The only module that prints or exits.

Heavy libraries are imported inside the command that needs them, so `--help` and `--version`
answer at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_FAILED, EXIT_INVALID_CONTENT, EXIT_OK, ContentError, Unreadable

FORMAT_NAMES = ("pdf", "pptx")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefing",
        description="Turn one structured content file into a printable PDF briefing and a slide deck "
                    "that carry the same charts and the same cited tables.",
    )
    top.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    build = commands.add_parser("build", help="build the PDF and the deck from a content file",
                                description="Build output/<name>.pdf and output/<name>.pptx from a content file. "
                                            "Runs every check first and writes nothing if one finds an error.")
    _layout_arguments(build)
    build.add_argument("--out", type=Path, default=Path("output"), help="folder to write into (default: output/)")
    build.add_argument("--format", default="pdf,pptx", type=_formats,
                       help="comma-separated formats to build: pdf, pptx (default: pdf,pptx)")
    build.add_argument("--force", action="store_true", help="write the outputs even when checks find errors")
    check = commands.add_parser("check", help="check a content file and the layout of both outputs, writing nothing",
                                description="Validate the content and lay out the PDF and the deck in memory, then report "
                                            "every error and warning with the page or slide it lands on. "
                                            "Exit status: 0 when no errors, 1 when there are errors.")
    _layout_arguments(check)
    _add_preview_command(commands)
    return top


def _layout_arguments(command: argparse.ArgumentParser) -> None:
    """Options that change the layout, so `check` lays out exactly what `build` would write."""
    command.add_argument("content", type=Path, help="the content file (YAML), e.g. content/briefing.yaml")
    command.add_argument("--page-size", choices=("A4", "Letter"), help="PDF page size (default: the content file's, else A4)")
    command.add_argument("--pptx-charts", choices=("picture", "native"), default="picture",
                         help="deck charts as pictures like the PDF's (default) or as native, editable PowerPoint charts")
    command.add_argument("--template", metavar="FILE.pptx",
                         help="build the deck on this PowerPoint template's master and layouts (overrides the content's template)")


def _add_preview_command(commands) -> None:
    preview = commands.add_parser(
        "preview", help="write a PNG of every PDF page and slide, and a contact sheet of each output",
        description="Build the outputs in a scratch folder and write <name>-page-NN.png, <name>-slide-NN.png and the "
                    "contact sheets <name>-pages.png and <name>-slides.png. Slides need LibreOffice.")
    preview.add_argument("content", type=Path, help="the content file (YAML), e.g. content/briefing.yaml")
    preview.add_argument("--out", type=Path, default=Path("output") / "preview",
                         help="folder to write the previews into (default: output/preview/)")


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [name for name in names if name not in FORMAT_NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(FORMAT_NAMES)}")
    return names


def main(argv: list[str] | None = None) -> int:
    from .stamp import StampError

    args = parser().parse_args(argv)
    command = {"preview": _preview, "check": _check}.get(args.command, _build)
    try:
        return command(args)
    except StampError as error:  # the environment, not the content: every command dates its outputs
        print(f"briefing: {error}", file=sys.stderr)
        return EXIT_INVALID_CONTENT


def _options(args: argparse.Namespace):
    from .writers import Options

    return Options(page_size=args.page_size, pptx_charts=args.pptx_charts, template=args.template)


def _build(args: argparse.Namespace) -> int:
    from .build import Refused, build

    try:
        result = build(args.content, args.out, args.format, _options(args), force=args.force)
    except ContentError as error:
        _report(error.diagnostics)
        print(f"{_count(error.diagnostics, 'problem')} in {args.content}; nothing was written.", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    except Refused as refused:
        _report(refused.findings)
        print(f"{_summary(refused.findings)} in {args.content}; nothing was written. "
              "Fix the errors, or build anyway with --force.", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        from .outputs import OutputError

        said = str(error) if isinstance(error, OutputError) else f"{error}; nothing was written, earlier outputs are unchanged"
        print(f"briefing: cannot write output: {said}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("briefing: interrupted; earlier outputs are unchanged.", file=sys.stderr)
        return 130
    _report(result.findings)
    for item in result.written:
        print(f"wrote {item.path} ({item.size / 1024:.0f} KB)")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    """Report like a linter: every finding, then a one-line summary; exit 1 if any is an error."""
    from .build import prepare

    try:
        findings = prepare(args.content, options=_options(args)).findings
    except Unreadable as error:
        _report(error.diagnostics)
        return EXIT_INVALID_CONTENT
    except ContentError as error:
        findings = error.diagnostics
    _report(findings, stream=sys.stdout)
    print(f"{args.content}: {_summary(findings)}")
    return EXIT_FAILED if any(finding.level == "error" for finding in findings) else EXIT_OK


def _report(findings, stream=None) -> None:
    for finding in findings:
        print(finding, file=stream or sys.stderr)


def _summary(findings) -> str:
    counts = [_count([f for f in findings if f.level == level], level) for level in ("error", "warning", "note")]
    return ", ".join(counts)


def _count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'s' if len(items) != 1 else ''}"


def _preview(args: argparse.Namespace) -> int:
    from .preview import preview

    try:
        result = preview(args.content, args.out)
    except ContentError as error:
        _report(error.diagnostics)
        print(f"{_count(error.diagnostics, 'problem')} in {args.content}; no preview was written.", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    except OSError as error:
        print(f"briefing: cannot write the previews: {error}", file=sys.stderr)
        return EXIT_FAILED
    _report(result.findings)
    for notice in result.notices:
        print(f"briefing: {notice}", file=sys.stderr)
    for path in result.written:
        print(f"wrote {path}")
    return EXIT_FAILED if result.failed else EXIT_OK
