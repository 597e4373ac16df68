from generator.measure import fit_columns, text_width, wrap


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
