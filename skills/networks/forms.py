"""Forms of the data networks. Dates and times are London wall-clock times."""

from datetime import time

from django import forms
from django.core.exceptions import ValidationError

from loti_data.validators import single_line
from skills.models import DEFAULT_REMINDER_OFFSETS, Meetup, Network, ReminderOffset
from skills.networks.services import AgendaEntry
from skills.networks.times import (
    LONDON,
    AmbiguousTime,
    happens_twice,
    is_ambiguous,
    london_datetime,
    zone_of,
)

ZONE_CHOICES = [("BST", "BST, the first time (UTC+1)"), ("GMT", "GMT, an hour later (UTC+0)")]


def _zone_field(label: str) -> forms.ChoiceField:
    """Asked only when the time happens twice (the night the clocks go back)."""
    return forms.ChoiceField(
        label=label, choices=ZONE_CHOICES, required=False, widget=forms.RadioSelect
    )


class MeetupForm(forms.Form):
    title = forms.CharField(max_length=200, validators=[single_line])
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), help_text="London time.")
    start_time = forms.TimeField(
        label="Starts at", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label="Ends at", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    start_zone = _zone_field("Which start time?")
    end_zone = _zone_field("Which end time?")
    location = forms.CharField(
        label="Place",
        max_length=300,
        validators=[single_line],
        required=False,
        help_text="Address or room, if people meet in person.",
    )
    online_url = forms.URLField(
        label="Online link",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="Teams, Zoom or Meet link. Give a place, a link, or both.",
    )
    description = forms.CharField(
        max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tips = forms.CharField(
        label="Practical tips",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How to get in, what to prepare, accessibility.",
    )
    capacity = forms.IntegerField(
        min_value=1,
        required=False,
        help_text="Most people who can come. Leave empty for no limit; others join a waiting list.",
    )
    reminders = forms.MultipleChoiceField(
        label="Email reminders",
        choices=ReminderOffset.choices,
        initial=DEFAULT_REMINDER_OFFSETS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Sent to network members who have not said they can't go, with the agenda "
        "and a calendar file.",
    )

    # The zone fields the page shows: only for a time that happens twice.
    ZONE_FIELDS = {"start_time": "start_zone", "end_time": "end_zone"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.zones_asked = set()
        if not self.is_bound:
            self.zones_asked = {
                zone for zone in self.ZONE_FIELDS.values() if self.initial.get(zone)
            }

    @classmethod
    def initial_for(cls, meetup: Meetup, reminder_offsets: list[str]) -> dict:
        start = meetup.starts_at.astimezone(LONDON)
        end = meetup.ends_at.astimezone(LONDON)
        return {
            "title": meetup.title,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "start_zone": zone_of(start) if is_ambiguous(start) else "",
            "end_zone": zone_of(end) if is_ambiguous(end) else "",
            "location": meetup.location,
            "online_url": meetup.online_url,
            "description": meetup.description,
            "tips": meetup.tips,
            "capacity": meetup.capacity,
            "reminders": reminder_offsets,
        }

    def _moment(self, day, name: str):
        at, zone_field = self.cleaned_data[name], self.ZONE_FIELDS[name]
        try:
            return london_datetime(day, at, self.cleaned_data.get(zone_field) or None)
        except AmbiguousTime as error:
            self.zones_asked.add(zone_field)
            self.fields[zone_field].choices = error.choices
            self.add_error(zone_field, error)
        except ValidationError as error:
            self.add_error(name, error)
        return None

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            starts_at, ends_at = self._moment(day, "start_time"), self._moment(day, "end_time")
            for name, moment in (("start_time", starts_at), ("end_time", ends_at)):
                if moment and is_ambiguous(moment):
                    # Keep asking, with the time in the labels, so the choice stays visible.
                    zone_field = self.ZONE_FIELDS[name]
                    self.zones_asked.add(zone_field)
                    self.fields[zone_field].choices = AmbiguousTime(day, data[name]).choices
            if starts_at and ends_at:
                data["starts_at"], data["ends_at"] = starts_at, ends_at
                if ends_at <= starts_at:
                    self.add_error("end_time", "The meet-up must end after it starts.")
            elif end <= start and not (happens_twice(day, start) or happens_twice(day, end)):
                self.add_error("end_time", "The meet-up must end after it starts.")
        if (
            not data.get("location")
            and not data.get("online_url")
            and not self.has_error("online_url")
        ):
            self.add_error("location", "Give a place, an online link, or both.")
        return data


class AgendaItemForm(forms.Form):
    """One agenda row. A row may be left empty, so no field is marked required; a row with
    anything in it needs its time and title (:meth:`clean`)."""

    starts_at = forms.TimeField(
        label="Time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    title = forms.CharField(max_length=200, required=False, validators=[single_line])
    presenter = forms.CharField(
        max_length=150,
        required=False,
        validators=[single_line],
        help_text="A name or a role, e.g. “LOTI”.",
    )
    organisation = forms.CharField(max_length=150, required=False, validators=[single_line])

    def clean(self):
        data = super().clean()
        if any(data.get(name) for name in self.fields):
            if not data.get("starts_at") and not self.has_error("starts_at"):
                self.add_error("starts_at", "Give the time of this agenda item.")
            if not data.get("title"):
                self.add_error("title", "Give this agenda item a title.")
        return data


class BaseAgendaFormSet(forms.BaseFormSet):
    """Every row is optional: a row left (or made) empty is no agenda item. The view passes
    ``initial`` only to show the current agenda, never when validating a POST."""

    def initial_form_count(self) -> int:
        return 0

    def total_form_count(self) -> int:
        if self.is_bound:
            return super().total_form_count()
        return min(len(self.initial or []) + self.extra, self.max_num)

    def entries(self) -> list[AgendaEntry]:
        return [
            AgendaEntry(**form.cleaned_data)
            for form in self.forms
            if form.cleaned_data.get("title")
        ]

    def check_within(self, start: time, end: time) -> bool:
        """Agenda items must fall between the meet-up's start and end times."""
        fits = True
        for form in self.forms:
            at = form.cleaned_data.get("starts_at") if form.cleaned_data else None
            if at and not _within(at, start, end):
                form.add_error(
                    "starts_at",
                    f"Pick a time between {start:%H:%M} and {end:%H:%M}, when the meet-up runs.",
                )
                fits = False
        return fits


def _within(at: time, start: time, end: time) -> bool:
    # Across the hour the clocks go back, 01:45 BST to 01:15 GMT ends "before" it starts.
    return start <= at <= end if start <= end else (at >= start or at <= end)


AgendaFormSet = forms.formset_factory(
    AgendaItemForm, formset=BaseAgendaFormSet, extra=3, max_num=30, validate_max=True
)


def agenda_initial(meetup: Meetup) -> list[dict]:
    return [
        {
            "starts_at": item.starts_at,
            "title": item.title,
            "presenter": item.presenter,
            "organisation": item.organisation,
        }
        for item in meetup.agenda_items.all()
    ]


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(choices=[("going", "Going"), ("cant_go", "Can't go")])


class CancelMeetupForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Included in the email to everyone going or waiting for a place.",
    )


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["purpose", "cadence"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}
