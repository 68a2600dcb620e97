"""Extractor modules, discovered by :func:`innovext.pipeline.extractors`.

Each module defines ``NAME`` (the fact family), ``ORDER`` (run order, lower
first) and ``extract(ctx) -> Iterable[Fact]``. Run order in the default set:

====  ==============  ================================================
10    place           gazetteer places, focal place (``ctx.state``)
20    organization    organisations and aliases
30    person          people with titles and organisations
40    quote           quotations and speakers
50    policy          《》 titles
55    programme       quoted programme names
60    quantity        numbers with units, subject/region/time
70    change          from→to movements over the quantities
====  ==============  ================================================
"""
