"""One component name per enum in the published OpenAPI.

Pydantic names a schema component after the last part of a class's qualified name, and
django-ninja merges every endpoint's components into one dictionary. So ``Organisation.Kind``,
``Seat.Kind`` and ``PartnershipBody.Kind`` all became ``Kind``, each overwriting the last,
and responses broke their own schema. Nested classes (Django's ``TextChoices`` live inside
their model) are named with their outer class: ``OrganisationKind``, ``SeatKind``.
"""

import re

from ninja.openapi import schema as ninja_schema
from ninja.schema import NinjaGenerateJsonSchema
from pydantic.json_schema import CoreModeRef, CoreRef, DefsRef

# "pkg.module.Outer.Inner:1234" -> "pkg.module.OuterInner:1234"; classes are capitalised.
_NESTED = re.compile(r"\.([A-Z]\w*)\.([A-Z]\w*)(?=:)")


class GenerateJsonSchema(NinjaGenerateJsonSchema):
    def get_defs_ref(self, core_mode_ref: CoreModeRef) -> DefsRef:
        core_ref, mode = core_mode_ref
        return super().get_defs_ref((CoreRef(_NESTED.sub(r".\1\2", core_ref)), mode))


def install() -> None:
    # django-ninja has no setting for its schema generator; it looks this name up per call.
    ninja_schema.NinjaGenerateJsonSchema = GenerateJsonSchema  # type: ignore[misc]
