from django.contrib.sessions.backends import db

from . import ForgetsAuthRecordMixin


class SessionStore(ForgetsAuthRecordMixin, db.SessionStore):
    pass
