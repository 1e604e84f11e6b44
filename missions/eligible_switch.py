"""The search's "missions I can apply to" switch: three states in the URL.

``eligible=1`` turns it on, ``eligible=0`` off, and no ``eligible`` at all leaves the
default, which is on for a candidate (``missions.views.public``). A ticked box sends its
``1`` after a hidden ``0``; an unticked one sends the ``0`` alone, so turning the filter
off survives the next search.
"""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.html import format_html


def read_switch(value) -> bool | None:
    """``1`` (or ``on``, as older links say) is on, ``0`` off, anything else unsaid."""
    if value in (True, "1", "on", "true", "True"):
        return True
    if value in (False, "0", "false", "False"):
        return False
    return None


class EligibleCheckbox(forms.CheckboxInput):
    """ "Only missions I can apply to": a hidden ``0`` before the box's ``1``, so that an
    unticked box says "off" (``eligible=0``) rather than nothing, which means "the default"
    (on for a candidate: ``missions.views.public``)."""

    default = False  # ticked when the URL does not say: the view's default for this person

    def ticked(self, value) -> bool:
        on = read_switch(value)
        return self.default if on is None else on

    def get_context(self, name, value, attrs):
        self.check_test = self.ticked  # this copy's own default (each form copies its widgets)
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        return "1"

    def render(self, name, value, attrs=None, renderer=None):
        hidden = format_html('<input type="hidden" name="{}" value="0">', name)
        return hidden + super().render(name, value, attrs, renderer)

    def value_from_datadict(self, data, files, name):
        return data.get(name)  # the last value: the box's "1" when ticked, else the "0"


class EligibleField(forms.NullBooleanField):
    """``eligible=1`` on, ``eligible=0`` off, absent None (``read_switch``)."""

    widget = EligibleCheckbox

    def to_python(self, value):
        return read_switch(value)


def eligible_switch_url(query: QueryDict, on: bool) -> str:
    """The same search with "missions I can apply to" turned on or off, from page 1."""
    switched = query.copy()
    switched.pop("page", None)
    switched["eligible"] = "1" if on else "0"
    return "?" + switched.urlencode()
