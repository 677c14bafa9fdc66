"""Celery finds tasks in each app's ``tasks`` module; the networks' live in their part."""

from skills.networks.tasks import send_meetup_email, sweep_meetup_reminders

__all__ = ["send_meetup_email", "sweep_meetup_reminders"]
