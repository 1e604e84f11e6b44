"""``{% mission_json_ld mission %}``: the mission's schema.org data (``structured_data.py``)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from vsi_portal.templatetags.sharing import json_ld_script

from ..structured_data import mission_job_posting

register = template.Library()


@register.simple_tag
def mission_json_ld(mission) -> SafeString:
    return json_ld_script(mission_job_posting(mission))
