from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from commonground.api.models import ApiToken, hash_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` for machine clients."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.select_related("user").filter(token_hash=hash_token(token)).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


def anonymous(request: HttpRequest) -> bool:
    """Reads are open to everyone; a token or session only widens what the client sees."""
    return True


# Signed-in browsers use their session (with CSRF); other clients use a token.
WRITE_AUTH = [TokenAuth(), SessionAuth()]
READ_AUTH = [TokenAuth(), anonymous]
