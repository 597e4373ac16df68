"""The `briefing` command line. The only module that prints or exits.

Heavy libraries are imported inside the command that needs them, so `--help` and `--version`
answer at once.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_FAILED, EXIT_INVALID_CONTENT, EXIT_OK, ContentError

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
                                description="Build output/<name>.pdf and output/<name>.pptx from a content file.")
    build.add_argument("content", type=Path, help="the content file (YAML), e.g. content/briefing.yaml")
    build.add_argument("--out", type=Path, default=Path("output"), help="folder to write into (default: output/)")
    build.add_argument("--format", default="pdf,pptx", type=_formats,
                       help="comma-separated formats to build: pdf, pptx (default: pdf,pptx)")
    build.add_argument("--page-size", choices=("A4", "Letter"), help="PDF page size (default: the content file's, else A4)")
    _add_preview_command(commands)
    return top


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
    args = parser().parse_args(argv)
    if args.command == "preview":
        return _preview(args)
    return _build(args)


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .writers import Options

    try:
        result = build(args.content, args.out, args.format, Options(page_size=args.page_size))
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(error.diagnostics)
        print(f"{count} problem{'s' if count != 1 else ''} in {args.content}; nothing was written.", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    except OSError as error:
        print(f"briefing: cannot write output: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("briefing: interrupted; earlier outputs are unchanged.", file=sys.stderr)
        return 130
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for item in result.written:
        print(f"wrote {item.path} ({item.size / 1024:.0f} KB)")
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from .preview import preview

    try:
        result = preview(args.content, args.out)
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(error.diagnostics)
        print(f"{count} problem{'s' if count != 1 else ''} in {args.content}; no preview was written.", file=sys.stderr)
        return EXIT_INVALID_CONTENT
    except OSError as error:
        print(f"briefing: cannot write the previews: {error}", file=sys.stderr)
        return EXIT_FAILED
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for notice in result.notices:
        print(f"briefing: {notice}", file=sys.stderr)
    for path in result.written:
        print(f"wrote {path}")
    return EXIT_FAILED if result.failed else EXIT_OK
