"""Imports and exports of the seller's tables (articles, catalogues, price lists, stock,
customers), from and to xlsx and CSV.

columns.py  a kind's columns and the cell parsers      files.py    reading and writing tables
kinds.py    the ImportKind interface and registry       running.py  checking, then applying a file
One module per kind (articles.py...). The run's record, its job and its progress are in
app/jobs/imports.py; the screens in app/backoffice/imports.py; the commands in app/cli.py.
"""
