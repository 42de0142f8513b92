"""Org-id.guide identifiers: each scheme's local part is checked, and refusals say why.

Expected values come from the registers themselves (see the comment on each row), not from
running the validator.
"""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from commonground.core import identifiers
from commonground.core.identifiers import SCHEMES, InvalidIdentifier, normalise, validate

# (identifier, why it is valid)
VALID = [
    ("GB-CHC-1089464", "England and Wales charity numbers have 7 digits"),
    ("GB-CHC-202918", "older England and Wales charity numbers have 6 digits"),
    ("GB-SC-SC005336", "Scottish charity numbers are SC and 6 digits"),
    ("GB-NIC-100002", "Northern Ireland charity numbers are 6 digits from 100000"),
    ("GB-NIC-104226", "Northern Ireland charity numbers are 6 digits from 100000"),
    ("GB-COH-00445790", "English and Welsh companies: 8 digits with leading zeros"),
    ("GB-COH-SC123456", "Scottish companies: SC and 6 digits"),
    ("GB-COH-NI012345", "Northern Irish companies: NI and 6 digits"),
    ("GB-COH-OC301234", "limited liability partnerships: OC and 6 digits"),
    ("GB-COH-SO301234", "Scottish limited liability partnerships: SO and 6 digits"),
    ("GB-MPR-17815R", "registered societies: number and R suffix"),
    ("GB-MPR-4453", "older society numbers without a suffix"),
    ("GB-LAE-BIR", "English local authority register codes: 3 letters"),
    ("GB-LAS-ABE", "Scottish local authority register codes: 3 letters"),
    ("GB-PLA-CGN", "Welsh principal local authorities: ISO 3166-2 code (Ceredigion)"),
    ("GB-PLA-POW", "Welsh principal local authorities: ISO 3166-2 code (Powys)"),
    ("GB-NHS-7A2", "NHS ODS codes: 3 characters (a Welsh health board)"),
    ("GB-NHS-RQM", "NHS ODS codes: 3 characters (an English trust)"),
    ("GB-NHS-RQM01", "NHS ODS site codes: 5 characters"),
    ("GB-GOR-DA1020", "government organisation register keys (Scottish Government)"),
    ("GB-EDU-123456", "school URNs: 6 digits"),
]

# (identifier, scheme that must be named in the message)
WRONG_LOCAL_PART = [
    ("GB-CHC-12345", "GB-CHC"),  # 5 digits: too short
    ("GB-CHC-12345678", "GB-CHC"),  # 8 digits: too long
    ("GB-CHC-0123456", "GB-CHC"),  # charity numbers never start with 0
    ("GB-CHC-SC005336", "GB-CHC"),  # a Scottish number under the English scheme
    ("GB-SC-005336", "GB-SC"),  # missing the SC prefix
    ("GB-SC-SC05336", "GB-SC"),  # SC and only 5 digits
    ("GB-NIC-NIC100002", "GB-NIC"),  # the NIC prefix belongs in the scheme, not the number
    ("GB-NIC-200002", "GB-NIC"),  # NI charity numbers start at 100000
    ("GB-NIC-10000", "GB-NIC"),  # 5 digits
    ("GB-COH-1234567", "GB-COH"),  # company numbers are 8 characters
    ("GB-COH-XY123456", "GB-COH"),  # XY is not a Companies House prefix
    ("GB-MPR-1234567", "GB-MPR"),  # too many digits
    ("GB-MPR-R", "GB-MPR"),  # suffix without a number
    ("GB-PLA-CG", "GB-PLA"),  # 2 letters
    ("GB-PLA-CGNX", "GB-PLA"),  # 4 letters
    ("GB-PLA-123", "GB-PLA"),  # digits
    ("GB-NHS-7A", "GB-NHS"),  # 2 characters
    ("GB-NHS-RQM0123", "GB-NHS"),  # 7 characters
    ("GB-NHS-7A-2", "GB-NHS"),  # punctuation
    ("GB-EDU-12345", "GB-EDU"),  # 5 digits
]

MALFORMED = [
    "",
    "1089464",  # a bare number: which register?
    "GB-CHC",  # scheme without a number
    "GB-CHC-",  # scheme and separator without a number
    "GBCHC1089464",  # no separators
    "GB_CHC_1089464",  # wrong separators
    "G-CHC-1089464",  # country code of one letter
    "GB-C-1089464",  # register code of one letter
    "123-456-789",  # digits where the scheme should be
]


@pytest.mark.parametrize(("identifier", "why"), VALID, ids=[v[0] for v in VALID])
def test_valid_identifiers_are_accepted_unchanged(identifier: str, why: str) -> None:
    assert validate(identifier) == identifier, why


def test_every_scheme_is_tested_with_a_valid_example() -> None:
    covered = {identifier.rsplit("-", 1)[0] for identifier, _ in VALID}
    assert set(SCHEMES) <= covered


@pytest.mark.parametrize("code", sorted(SCHEMES))
def test_each_schemes_documented_example_is_itself_valid(code: str) -> None:
    """The example shown to users in error messages must be one we would accept."""
    example = SCHEMES[code].example
    assert example.startswith(code + "-")
    assert validate(example) == example


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("gb-chc-1089464", "GB-CHC-1089464"),
        ("GB-CHC- 1089464", "GB-CHC-1089464"),
        ("  GB-CHC-1089464\n", "GB-CHC-1089464"),
        ("gb - sc - sc005336", "GB-SC-SC005336"),
        ("Gb-Coh-sc123456", "GB-COH-SC123456"),
        ("gb-pla-cgn", "GB-PLA-CGN"),
        ("gb-nhs-7a2", "GB-NHS-7A2"),
        ("gb-mpr-17815r", "GB-MPR-17815R"),
        ("GB-CHC-1089\t464", "GB-CHC-1089464"),
    ],
)
def test_case_and_spaces_are_normalised(typed: str, expected: str) -> None:
    assert normalise(typed) == expected
    assert validate(typed) == expected


@pytest.mark.parametrize(("identifier", "scheme"), WRONG_LOCAL_PART)
def test_wrong_number_for_the_scheme_is_refused_naming_the_scheme_and_an_example(
    identifier: str, scheme: str
) -> None:
    with translation.override("en"), pytest.raises(InvalidIdentifier) as caught:
        validate(identifier)
    message = str(caught.value)
    # It repeats what was typed, says which register it was checked against, and shows a
    # correct example for that register, so the user can see what to fix.
    assert identifier in message
    assert str(SCHEMES[scheme].label) in message
    assert SCHEMES[scheme].example in message
    assert "not a valid" in message


@pytest.mark.parametrize("identifier", ["XI-ABC-123456", "GB-XYZ-1234567", "US-EIN-123456789"])
def test_unknown_scheme_is_refused_naming_it_and_listing_the_known_ones(identifier: str) -> None:
    scheme = identifier.rsplit("-", 1)[0]
    with translation.override("en"), pytest.raises(InvalidIdentifier) as caught:
        validate(identifier)
    message = str(caught.value)
    assert scheme in message
    assert "not an identifier scheme we recognise" in message
    for code in SCHEMES:
        assert code in message


@pytest.mark.parametrize("identifier", MALFORMED)
def test_malformed_identifier_is_refused_explaining_the_shape(identifier: str) -> None:
    with translation.override("en"), pytest.raises(InvalidIdentifier) as caught:
        validate(identifier)
    message = str(caught.value)
    assert "SCHEME-NUMBER" in message
    assert "GB-CHC-1234567" in message


def test_refusal_is_a_value_error_so_callers_can_catch_it_generically() -> None:
    with pytest.raises(ValueError, match="SCHEME-NUMBER"):
        validate("nonsense")


def test_refusal_message_follows_the_active_language() -> None:
    """Messages are translatable: in Welsh they use the Welsh catalogue (or fall back)."""
    for language in ("en", "cy"):
        with translation.override(language):
            expected = translation.gettext(
                "Enter an identifier in the form SCHEME-NUMBER, for example GB-CHC-1234567."
            )
            with pytest.raises(InvalidIdentifier) as caught:
                validate("nonsense")
            assert str(caught.value) == expected
        with translation.override(language):
            expected = translation.gettext(
                "%(value)s is not a valid %(label)s number. For example: %(example)s."
            ) % {
                "value": "GB-PLA-XX",
                "label": translation.gettext("principal local authority in Wales"),
                "example": "GB-PLA-CGN",
            }
            with pytest.raises(InvalidIdentifier) as caught:
                validate("GB-PLA-XX")
            assert str(caught.value) == expected


def test_model_validator_reports_the_reason_as_a_validation_error() -> None:
    from commonground.core.models.organisations import validate_identifier

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        validate_identifier("GB-CHC-12")
    assert caught.value.code == "invalid_identifier"
    assert str(SCHEMES["GB-CHC"].label) in caught.value.messages[0]
    validate_identifier("GB-CHC-1089464")  # no error


# Real identifiers that org-id.guide data uses but the patterns refuse.


@pytest.mark.parametrize("identifier", ["GB-GOR-D9", "GB-GOR-D5"])
def test_government_department_identifiers_are_accepted(identifier: str) -> None:
    assert validate(identifier) == identifier


def test_mutuals_register_numbers_with_other_suffixes_are_accepted() -> None:
    assert validate("GB-MPR-355B") == "GB-MPR-355B"


def test_identifiers_module_exposes_the_schemes_it_documents() -> None:
    # The brief and the org-id.guide list: these must all be known schemes.
    for code in ("GB-CHC", "GB-SC", "GB-NIC", "GB-COH", "GB-MPR", "GB-PLA", "GB-NHS"):
        assert code in identifiers.SCHEMES
