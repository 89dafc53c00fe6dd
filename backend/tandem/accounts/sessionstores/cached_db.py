from django.contrib.sessions.backends import cached_db

from . import ForgetsAuthRecordMixin


class SessionStore(ForgetsAuthRecordMixin, cached_db.SessionStore):
    pass
