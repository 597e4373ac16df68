from generator.model import BulletItem, NumberFormat, Source


def test_number_format_styles():
    assert NumberFormat().format(67000) == "67,000"
    assert NumberFormat().format(30.75) == "30.75"
    assert NumberFormat(decimals=1).format(3) == "3.0"
    assert NumberFormat("compact").format(485000) == "485K"
    assert NumberFormat("compact").format(30700) == "30.7K"
    assert NumberFormat("compact").format(1_250_000) == "1.3M"
    assert NumberFormat(decimals=0).format(2.5) == "3"
    assert NumberFormat("compact").format(999) == "999"
    assert NumberFormat("percent").format(97) == "97%"
    assert NumberFormat("percent", decimals=1, prefix="+").format(8.7) == "+8.7%"
    assert NumberFormat(prefix="£", suffix="m").format(120.5) == "£120.5m"


def test_the_sign_leads_the_prefix():
    assert NumberFormat(prefix="£", suffix="m", decimals=2).format(-42.5) == "-£42.50m"
    assert NumberFormat("compact").format(-30700) == "-30.7K"
    assert NumberFormat(decimals=0).format(-0.2) == "0"


def test_natural_decimals_never_round_a_figure_away():
    assert NumberFormat().format(0.125) == "0.125"
    assert NumberFormat("percent").format(42.5) == "42.5%"


def test_source_citation_and_label():
    fortune = Source("fortune", "Fortune", "Fortune", "Fortune", date="April 2026")
    assert fortune.label == "Fortune (April 2026)"
    assert fortune.citation() == "Fortune (April 2026)"
    ncmec = Source("ncmec", "NCMEC", "National Center for Missing & Exploited Children", "NCMEC")
    assert ncmec.citation() == "NCMEC — National Center for Missing & Exploited Children"


def test_bullet_full_text_joins_lead():
    assert BulletItem("Deployed classifiers", "OpenAI").full_text == "OpenAI — Deployed classifiers"
    assert BulletItem("Plain").full_text == "Plain"


def test_compact_takes_the_next_unit_when_rounding_reaches_a_thousand():
    compact = NumberFormat("compact")
    assert [compact.format(v) for v in (999_999, 999_950, 999_949, 999_999_999, 999_999_999_999)] == ["1M", "1M", "999.9K", "1B", "1T"]
    assert NumberFormat("compact", decimals=0).format(999.6) == "1K"
    assert NumberFormat("compact", decimals=2).format(999_999) == "1.00M"
    assert compact.format(1_000_000) == "1M" and compact.format(1_050_000) == "1.1M"


def test_a_non_zero_figure_never_shows_as_zero():
    assert NumberFormat().format(0.0004) == "0.0004"
    assert NumberFormat().format(1e-9) == "0.000000001"
    assert NumberFormat().format(-0.00045) == "-0.00045"
    assert NumberFormat("percent").format(0.004) == "0.004%"
    assert NumberFormat(decimals=1).hides(0.04) and not NumberFormat(decimals=2).hides(0.04)
    assert not NumberFormat().hides(0.0) and not NumberFormat("compact").hides(1e-9)


def test_a_plus_prefix_gives_way_to_the_minus():
    change = NumberFormat("percent", decimals=1, prefix="+")
    assert (change.format(-1), change.format(1), change.format(0)) == ("-1.0%", "+1.0%", "+0.0%")


def test_natural_decimals_keep_every_written_digit_of_large_figures():
    assert NumberFormat().format(1234567.891) == "1,234,567.891"
    assert NumberFormat().format(999_999_999_999.999) == "999,999,999,999.999"
    assert NumberFormat().format(0.1 + 0.2) == "0.3"  # a computed float shows as the figure it stands for


def test_edge_figures_read_back_as_written_in_both_outputs(tmp_path):
    from .conftest import FIXTURES, build_into
    from .readback import deck, flat, pdf_pages, slide_texts

    built = build_into(FIXTURES / "figures.yaml", tmp_path)
    page = flat(" ".join(pdf_pages(built.pdf)))
    slides = flat(" ".join(text for slide in deck(built.pptx).slides for text in slide_texts(slide)))
    for shown in ("1M", "1B", "0.0004", "0.000000001", "-1.0%", "+0.4%"):
        assert shown in page and shown in slides, shown
    for wrong in ("1,000.0K", "1,000.0M", "0.000 ", "-+"):
        assert wrong not in page and wrong not in slides, wrong
