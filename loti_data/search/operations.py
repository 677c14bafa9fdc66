"""A migration operation that changes the database only on PostgreSQL.

The GIN indexes (tsvector, trigram) and the ``pg_trgm`` extension mean nothing to SQLite, which
``make run`` uses: wrapped in ``PostgresOnly`` they stay in the migration state (so
``makemigrations`` sees no change) but SQLite's schema is left alone.
"""

from django.db.migrations.operations.base import Operation


class PostgresOnly(Operation):
    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        self.operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (PostgreSQL only)"
