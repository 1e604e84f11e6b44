"""The conversation of an application, shown on each side's application page: the
volunteer's (`applications.my_application`) and the staff's (`applications.application_detail`).

Opening the page marks the conversation read for the person who opens it. Writing and
reporting are POSTs that redirect back to the page with a flash message; a message that
could not be sent is kept (in the session) and shown again in the form, with its error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..conversation_forms import MessageForm, ReportForm
from ..conversation_notices import conversation_link
from ..errors import ApplicationError
from ..models import Application, ApplicationMessage
from ..models.conversations import MESSAGE_MAX_LENGTH
from ..selectors.conversations import (
    application_for_participant,
    conversation_for,
    conversation_side,
    message_for_participant,
)
from ..services import conversations as conversation_services


def _draft_key(application: Application) -> str:
    return f"conversation-draft-{application.pk}"


def conversation_context(request: HttpRequest, application: Application) -> dict:
    """What an application page shows of its conversation, for the person who asks (who
    must take part); opening it (a GET) marks it read for them."""
    conversation = conversation_for(application, request.user)
    if conversation is None:
        raise Http404(_("No application at this address."))
    draft = request.session.pop(_draft_key(application), None)
    form = MessageForm(data={"body": draft}) if draft is not None else MessageForm()
    if draft is not None:
        form.is_valid()  # shows the error of a message that was not sent
    if request.method == "GET":  # a refused POST shown again writes nothing
        conversation_services.conversation_mark_read(application=application, by=request.user)
    return {
        "conversation": conversation,
        "message_form": form,
        "message_post_url": reverse("missions:message_post", kwargs={"pk": application.pk}),
    }


def _get_application_for_participant(user, pk: int) -> tuple[Application, str]:
    application = application_for_participant(user, pk)
    side = conversation_side(application, user) if application is not None else None
    if side is None:
        raise Http404(_("No application at this address."))
    return application, side


def _get_message_for_participant(user, pk: int) -> ApplicationMessage:
    message = message_for_participant(user, pk)
    if message is None:
        raise Http404(_("No message at this address."))
    return message


@login_required
@require_POST
def message_post(request: HttpRequest, pk: int) -> HttpResponse:
    application, side = _get_application_for_participant(request.user, pk)
    form = MessageForm(request.POST)
    body = request.POST.get("body", "")
    if not form.is_valid():
        request.session[_draft_key(application)] = body[: MESSAGE_MAX_LENGTH * 2]
        messages.error(request, _("Your message was not sent: see the conversation below."))
        return redirect(conversation_link(application, side))
    try:
        conversation_services.message_post(
            application=application, body=form.cleaned_data["body"], by=request.user
        )
    except ApplicationError as error:
        request.session[_draft_key(application)] = body[: MESSAGE_MAX_LENGTH * 2]
        messages.error(request, error.message)
    else:
        messages.success(request, _("Message sent. The other side is told at once."))
    return redirect(conversation_link(application, side))


@login_required
@require_http_methods(["GET", "POST"])
def message_report(request: HttpRequest, pk: int) -> HttpResponse:
    message = _get_message_for_participant(request.user, pk)
    application = message.application
    back = conversation_link(application, conversation_side(application, request.user))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conversation_services.message_report(
                message=message, reason=form.cleaned_data["reason"], by=request.user
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Thank you. France Volontaires will look into this message.")
            )
        return redirect(back)
    return render(
        request,
        "missions/message_report.html",
        {"message": message, "application": application, "form": form, "back": back},
        status=400 if request.method == "POST" else 200,
    )
