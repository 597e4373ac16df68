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
