"""An invited organisation answers the lead: its admins accept or decline joining."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from commonground.commissioning import actions, forms
from commonground.commissioning.models import ConsortiumMember
from commonground.core.forms import add_errors
from commonground.core.models import User


@login_required
def answer(request: HttpRequest, consortium_id: int, member_id: int) -> HttpResponse:
    member = get_object_or_404(
        ConsortiumMember.objects.select_related("consortium__opportunity", "consortium__lead", "organisation"),
        pk=member_id,
        consortium_id=consortium_id,
    )
    if not request.user.has_perm("commissioning.answer_invitation", member):
        raise PermissionDenied
    consortium = member.consortium
    if member.answer != ConsortiumMember.Answer.INVITED or consortium.is_signed:
        messages.info(request, _("This invitation has already been answered."))
        return redirect("commissioning:consortium", consortium_id=consortium.pk)
    form = forms.AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] == "accept"
        try:
            actions.answer_invitation(cast(User, request.user), member, accept)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("You have joined %(name)s.") % {"name": consortium.name}
                if accept
                else _("You have declined to join %(name)s.") % {"name": consortium.name},
            )
            return redirect("commissioning:consortium", consortium_id=consortium.pk)
    return render(
        request,
        "commissioning/answer.html",
        {"form": form, "member": member, "consortium": consortium},
    )
