from generator.measure import LINE_SPACING, covered, face, fit_columns, text_width, width, wrap
from generator.theme import DEFAULT_THEME


def test_widths_match_the_font_metrics():
    # Carlito's advance widths: 'Hello world' at 10 pt is 46.79 pt (the same as reportlab reports)
    assert abs(text_width("Hello world", 10) - 46.787) < 0.05
    assert text_width("Bold", 20, bold=True) > text_width("Bold", 20)


def test_wrap_breaks_between_words_and_inside_overlong_words():
    lines = wrap("LoRA fine-tuning enables realistic deepfakes from as few as 20 images in 15 minutes", 300, 18)
    assert len(lines) == 3 and all(text_width(line, 18) <= 300 for line in lines)
    assert " ".join(lines).split() == "LoRA fine-tuning enables realistic deepfakes from as few as 20 images in 15 minutes".split()
    long = wrap("x" * 200, 100, 12)
    assert len(long) > 1 and all(text_width(line, 12) <= 100 for line in long)


def test_fit_columns_gives_spare_room_to_text_columns():
    widths = fit_columns([100, 50, 100], [40, 50, 40], [True, False, True], 400)
    assert widths[1] == 50 and abs(sum(widths) - 400) < 1e-6


def test_fit_columns_wraps_text_columns_before_numbers():
    widths = fit_columns([300, 60, 300], [80, 60, 80], [True, False, True], 400)
    assert widths[1] == 60 and abs(sum(widths) - 400) < 1e-6 and widths[0] >= 80 and widths[2] >= 80


def test_the_engine_measures_what_reportlab_measures_to_the_last_bit():
    """Every character each face maps, a character it lacks, and random strings at print and slide
    sizes: the same float as reportlab's stringWidth, so the PDF's layout is the one it draws."""
    import random

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    typeface = DEFAULT_THEME.typeface
    for name, path in (("Regular", typeface.regular), ("Bold", typeface.bold), ("Italic", typeface.italic)):
        font = TTFont(f"engine-{name}", str(path))
        pdfmetrics.registerFont(font)
        engine = face(path)
        assert engine.thousandths == font.face.charWidths and engine.missing == font.face.defaultWidth
        chars = [chr(c) for c in engine.thousandths] + ["\U0001F4C8", "\x00"]
        pick = random.Random(11)
        for _ in range(2000):
            text = "".join(pick.choice(chars) for _ in range(pick.randint(0, 40)))
            size = pick.choice((7, 9.5, 10, 12.5, 18, 24, 28.3))
            assert width(text, size, path) == pdfmetrics.stringWidth(text, font.fontName, size)


def test_line_metrics_are_the_hhea_table_and_coverage_is_the_character_map():
    from matplotlib.ft2font import FT2Font

    path = str(DEFAULT_THEME.typeface.regular)
    font = FT2Font(path)
    hhea, em = font.get_sfnt_table("hhea"), font.get_sfnt_table("head")["unitsPerEm"]
    ascent, descent, pitch = face(path).line(10)
    assert ascent == hhea["ascent"] * 10 / em and descent == -hhea["descent"] * 10 / em
    assert pitch == ascent + descent + hhea["lineGap"] * 10 / em
    assert abs(pitch / 10 - LINE_SPACING) < 0.001
    for path in (DEFAULT_THEME.typeface.regular, DEFAULT_THEME.typeface.bold):
        assert covered(path) == frozenset(FT2Font(str(path)).get_charmap())
