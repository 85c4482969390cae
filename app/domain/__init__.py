"""Business rules over the generated models: plain functions over a SQLAlchemy session.

Nothing here imports the portal or the back office, and nothing here reads the request.
"""
