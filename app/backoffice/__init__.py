"""Hand-written back-office code: the base classes the generated screens extend, and screens
beyond CRUD."""
