""" "Am I eligible?": a visitor answers the facts the rules need, kept in their session only.

The answers are judged by the same bridge as a signed-in person's profile
(``candidate_for`` on the unsaved profile ``volunteers.answers.answers_volunteer`` builds);
the page then says which destinations are open and why the others are not
(``selectors.destinations``), and from then on the search and the mission pages treat the
visitor as a candidate. Nothing is written to the database. A signed-in person sees the
same answer from their profile.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from volunteers.answers import answers_forget, answers_keep, answers_of, answers_volunteer
from volunteers.forms import EligibilityAnswersForm
from volunteers.models import Volunteer
from volunteers.selectors import volunteer_missing_facts

from ..selectors.candidates import candidate_for, volunteer_with_history
from ..selectors.destinations import eligibility_answer, open_mission_count
from ..selectors.searchers import missing_fact_labels


def _answer_context(candidate, today) -> dict:
    if candidate is None:
        return {}
    return {
        "answer": eligibility_answer(candidate, today=today),
        "mission_count": open_mission_count(candidate, today=today),
    }


@require_http_methods(["GET", "POST"])
def eligibility_check(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.user.is_authenticated:
        volunteer = volunteer_with_history(request.user)
        candidate = candidate_for(volunteer) if volunteer is not None else None
        missing = (
            volunteer_missing_facts(volunteer)
            if volunteer
            else ["birth_date", "nationalities", "residence"]
        )
        return render(
            request,
            "missions/eligibility.html",
            {
                "from_profile": True,
                "missing_facts": missing_fact_labels(missing) if candidate is None else [],
                **_answer_context(candidate, today),
            },
        )
    if request.method == "POST":
        form = EligibilityAnswersForm(request.POST, instance=Volunteer())
        if form.is_valid():
            answers_keep(request.session, form.cleaned_data)
            return redirect(reverse("missions:eligibility") + "#answer")
        status = 400
    else:
        answers = answers_of(request.session)
        form = EligibilityAnswersForm(initial=answers or {}, instance=Volunteer())
        status = 200
    volunteer = answers_volunteer(request.session)
    candidate = candidate_for(volunteer) if volunteer is not None else None
    return render(
        request,
        "missions/eligibility.html",
        {"form": form, "answered": candidate is not None, **_answer_context(candidate, today)},
        status=status,
    )


@require_POST
def eligibility_forget(request: HttpRequest) -> HttpResponse:
    """Forget the visitor's answers: the search and the pages stop using them."""
    answers_forget(request.session)
    messages.success(request, _("Your answers have been forgotten."))
    return redirect("missions:eligibility")
