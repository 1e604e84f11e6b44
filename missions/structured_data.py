"""A mission as schema.org data, for search engines (JSON-LD on its page).

A VSI mission is a volunteering offer with a monthly allowance, an organisation, a place,
a start and an application deadline: schema.org's ``JobPosting`` with ``employmentType``
``VOLUNTEER`` says all of it, and is the type search engines read for offers (Google's
job results); ``VolunteerAction`` has neither the allowance nor the deadline. Only a
mission taking applications carries it (``templates/missions/_sharing_meta.html``): an
offer that is over must leave the job results.
"""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone

from vsi_portal.formats import site_url
from vsi_portal.markdown import markdown_html

from .models import Mission


def mission_job_posting(mission: Mission) -> dict:
    """The mission as a schema.org ``JobPosting`` (the association selected with it)."""
    association = mission.association
    organisation = {
        "@type": "Organization",
        "name": association.name,
        "url": site_url(association),
    }
    if association.website:
        organisation["sameAs"] = association.website
    address = {"@type": "PostalAddress", "addressCountry": mission.country.code}
    if mission.place:
        address["addressLocality"] = mission.place
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": mission.title,
        # schema.org reads a JobPosting's description as HTML: the page's own, sanitised.
        "description": markdown_html(mission.description),
        "url": site_url(mission),
        "identifier": {"@type": "PropertyValue", "name": association.name, "value": mission.slug},
        "datePosted": (mission.published_at or mission.created_at).isoformat(),
        # Applications are taken until the end of the deadline's day, in France's time.
        "validThrough": timezone.make_aware(
            datetime.combine(mission.application_deadline, time(23, 59, 59))
        ).isoformat(),
        "jobStartDate": mission.start_on.isoformat(),
        "employmentType": "VOLUNTEER",
        "totalJobOpenings": mission.places,
        "directApply": True,
        "hiringOrganization": organisation,
        "jobLocation": {"@type": "Place", "address": address},
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "value": mission.allowance_eur,
                "unitText": "MONTH",
            },
        },
    }
    if mission.skills:
        data["skills"] = mission.skills
    return data
