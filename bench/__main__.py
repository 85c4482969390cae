"""`make bench`: every benchmark, on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set).

`python -m bench ordering [options]` runs the ordering benchmarks alone (see bench/ordering.py);
`python -m bench imports [options]` the imports and exports (bench/imports.py);
`python -m bench price-imports [options]` 500,000 price rows imported and exported
(bench/price_imports.py); `python -m bench plans [options]` the portal's statements under
PostgreSQL's generic plans against custom ones (bench/plans.py: not part of `make bench`).
"""

import sys

from bench import imports, list_pages, ordering, plans, price_imports

if sys.argv[1:2] == ["ordering"]:
    ordering.main(sys.argv[2:])
elif sys.argv[1:2] == ["imports"]:
    imports.main(sys.argv[2:])
elif sys.argv[1:2] == ["price-imports"]:
    price_imports.main(sys.argv[2:])
elif sys.argv[1:2] == ["plans"]:
    sys.exit(plans.main(sys.argv[2:]))
else:
    list_pages.main(sys.argv[1:])
    ordering.main([])
    imports.main([])
    price_imports.main([])
