"""Admin registrations: the event log and the read models, all read-only."""

from tracker.backoffice.admin import events, failures, readmodels

__all__ = ["events", "failures", "readmodels"]
