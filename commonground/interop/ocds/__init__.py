"""Open Contracting Data Standard (OCDS 1.1): reading release packages, checking releases,
merging them into records, and matching parties' identifiers. Pure Python, no Django.

- ``package``: parse a release package's bytes, refusing what is not OCDS, with the
  release and field named in each problem;
- ``merge``: compiled and versioned releases by the standard's reference merge library
  (``ocdsmerge``), given the local release schema so nothing is fetched;
- ``parties``: normalised organisation identifiers (GB-CHC, GB-COH) for matching.
"""
