"""Getting a built application ready to serve requests for the life of its process.

Everything built at start-up (the app, its views and forms, SQLAlchemy's mappers, the templates,
Babel's locale data) lives as long as the process. `gc.freeze()` moves it out of the garbage
collector's reach: otherwise each full collection, which a large request sets off (a 10,000-price
quote, an import), walks all of it again, and that request takes nearly twice as long
(bench/ordering.py's pricing of 10,000 prices: about 420 ms instead of 230 ms when one runs).
Tests build many apps in one process and do not freeze them: frozen objects are never freed.

What the process builds later and keeps (the catalogue's cards, up to 20,000 of them, and its
listing's answers) the collector still walks. With Python's default threshold (a young
collection each time 700 more objects are alive than at the last one) nearly every catalogue
page set off a young collection, and every twenty to a few hundred pages a full one, which walked
all the cards: in bench/ordering.py's GET ?page=N, 1,135 young, 104 middle and 10 full
collections in 203 pages, 263 ms in all, the full ones 18 ms each (it prints these per case).
A request builds and drops its objects; few outlive it, so counting 20,000 before a young
collection lets most pages run without any (in the same case over several runs, 1 to 32 young
collections and at most 1 full one, 4 to 38 ms in all), for at most some megabytes of cyclic
garbage waiting a little longer. Bulk work that holds many objects at once pauses the collector
instead (app/collector.py).
"""

from __future__ import annotations

import gc

from flask import Flask

# gc.set_threshold's first argument: see above. The older generations keep Python's defaults.
YOUNG_COLLECTION_THRESHOLD = 20_000


def serving(app: Flask) -> Flask:
    """`app`, with its start-up objects frozen out of full collections and young collections
    spaced to a request's size."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, middle, old)
    return app
