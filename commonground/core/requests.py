"""Typed access to the signed-in user, for views that require one: the one way every app
asks who is acting."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from commonground.core.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, who must be signed in (views check with ``login_required``)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
