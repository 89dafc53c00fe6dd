"""Postgres timestamps parsed by psycopg's C loader, not its Python one.

Django loads every `timestamptz` with a loader of its own (to label the
result with the connection's time zone), and that loader subclasses
psycopg's pure-Python parser: on a page of 20 todos, parsing 40 timestamps
was the largest CPU cost of the request on Postgres. psycopg's C loader
(psycopg[binary]) cannot be subclassed, so this loader wraps it: the same
value, labelled exactly as Django labels it (`datetime.UTC`), converted
rather than relabelled so it stays right whatever zone the session reports.

Registered for each new connection (connection_created) when Django works
in UTC with time zones on, which is how Tandem runs; otherwise Django's
loader stays.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.backends.signals import connection_created
from django.dispatch import receiver

try:
    from psycopg import adapt, postgres
    from psycopg.pq import Format
except ImportError:  # psycopg is only needed on Postgres
    adapt = None


def _c_loader() -> type | None:
    if adapt is None:
        return None
    loader = postgres.adapters.get_loader(postgres.types["timestamptz"].oid, Format.TEXT)
    # Only psycopg_binary's (compiled) loader is worth wrapping.
    return loader if loader is not None and loader.__module__.startswith("psycopg_") else None


_C_LOADER = _c_loader()

if _C_LOADER is not None:

    class UtcTimestamptzLoader(adapt.Loader):
        # Read by Django's create_cursor: a cursor whose connection works in
        # another zone gets Django's own loader for that zone instead.
        timezone = datetime.UTC

        def __init__(self, oid: int, context: Any = None) -> None:
            super().__init__(oid, context)
            self._load = _C_LOADER(oid, context).load

        def load(self, data: Any) -> datetime.datetime:
            return self._load(data).astimezone(datetime.UTC)


@receiver(connection_created)
def _use_the_c_timestamp_loader(sender: Any, connection: Any, **kwargs: Any) -> None:
    if (
        _C_LOADER is not None
        and connection.vendor == "postgresql"
        and settings.USE_TZ
        and connection.timezone is datetime.UTC
    ):
        connection.connection.adapters.register_loader("timestamptz", UtcTimestamptzLoader)
