"""`make bench`: every benchmark, on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set)."""

import sys

from bench import list_pages

list_pages.main(sys.argv[1:])
