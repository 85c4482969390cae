"""Benchmarks: they print their figures; tests never time anything."""
