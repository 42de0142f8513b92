from commonground.commissioning.models import Opportunity
from commonground.core.actions import unique_slug

# Slugs that would clash with the pages' own URLs (see urls.py).
RESERVED = {"new", "fits", "import", "suppliers", "area", "plan", "consortia"}


def opportunity_slug(title: str) -> str:
    slug = unique_slug(title, Opportunity)
    return unique_slug(f"{slug}-opportunity", Opportunity) if slug in RESERVED else slug
