"""`make bench`: seed 10,000 projects in a separate PostgreSQL database and time the backlog.

Run with ``python -m tests.bench`` (``make bench``). See ``__main__.py``.
"""
