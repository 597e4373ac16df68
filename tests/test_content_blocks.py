"""The block readers' table: every block kind of the model is read from the content, and only those."""

from __future__ import annotations

import typing

from generator import model
from generator.content import load
from generator.content.blocks import BLOCK_READERS

from .conftest import FIXTURES


def test_every_block_class_of_the_model_has_a_reader_that_builds_it():
    classes = set(typing.get_args(model.Block))
    built = {type(block) for block in load(FIXTURES / "minimal.yaml").blocks()}
    assert built == classes, "minimal.yaml must use every block kind"
    assert len(BLOCK_READERS) == len(classes)


def test_an_unknown_block_kind_is_an_error_naming_the_kinds(tmp_path):
    content = tmp_path / "x.yaml"
    content.write_text("title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n"
                       "  - title: A\n    blocks:\n      - image: {title: x}\n")
    from generator.errors import ContentError

    try:
        load(content)
    except ContentError as error:
        assert str(error).startswith(f"{content}:6:9: error: unknown block type 'image' [sections[0].blocks[0]]")
        assert ", ".join(BLOCK_READERS) in str(error)
    else:
        raise AssertionError("an unknown block kind was accepted")
