"""Irreversible actions ask first: one pattern for every such button.

*Without JavaScript*, the button is a link to the action's own address: GET shows a page
asking the question, with the POST form that acts and a way back; POST acts, as before.
*With JavaScript* (``static/js/confirm-dialog.js``), the same link opens a native
``<dialog>`` holding the same question and the same POST form, rendered beside the link
by ``templates/partials/confirm_action.html``; the page is never needed then. A view
takes both methods and answers GET with ``confirmation_page``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Confirmation:
    """What the person is asked: the question (the page's title), what follows from it,
    the button that acts, and where "Cancel" leads."""

    question: str
    consequence: str
    action: str
    cancel_url: str
    danger: bool = False


def confirmation_page(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    """The page asking ``confirmation``; its form posts to the address it was asked at."""
    return render(
        request,
        "confirm.html",
        {"confirmation": confirmation, "action_url": request.get_full_path()},
    )
