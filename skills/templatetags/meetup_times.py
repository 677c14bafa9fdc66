"""``{{ moment|clock }}``: a London time, with its zone when that time happens twice that day."""

from django import template

from skills.networks import times

register = template.Library()


@register.filter
def clock(moment) -> str:
    return times.clock(moment) if moment else ""
