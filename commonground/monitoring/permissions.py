"""Who may do what in programme monitoring (django-rules).

- Infrastructure staff, area admins, national viewers (WCVA's programme managers) and
  superusers see programmes, their evidence and reports.
- The same people load logic models and import evidence; staff (not national viewers alone)
  confirm or reject evidence, since judging eligibility is done where the work happened.
"""

import rules

from commonground.core.permissions import is_any_staff, is_national_viewer, is_superuser

rules.add_perm("monitoring.view_programmes", is_any_staff | is_national_viewer | is_superuser)
rules.add_perm("monitoring.manage_programmes", is_any_staff | is_national_viewer | is_superuser)
rules.add_perm("monitoring.judge_evidence", is_any_staff | is_superuser)
