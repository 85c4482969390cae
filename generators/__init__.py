"""Reads model.yaml, checks it, and writes app/generated/ from it."""
