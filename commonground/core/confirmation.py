"""Email confirmation links: signed, expiring, and bound to the address they were sent to.

The token signs the account's id and its email address with a timestamp, so it stops
working after ``MAX_AGE``, and when the address changes: a link sent to an old address
cannot confirm a new one. Nothing is stored until the link is followed.
"""

from datetime import timedelta

from django.core import signing

from commonground.core.models import User

SALT = "core.confirm-email"
MAX_AGE = timedelta(days=7)


def token_for(user: User) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"id": user.pk, "email": user.email})


def user_for(token: str, max_age: timedelta = MAX_AGE) -> User | None:
    """The account a valid, unexpired token names, if its address is still the one signed."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("id"), int):
        return None
    return User.objects.filter(pk=value["id"], email=value.get("email")).first()
