"""Soak test: mixed reads and writes by many users for a long run, then a reconciliation.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cg_speed \\
        .venv/bin/python bench/soak.py [--users 20] [--run-time 10m] [--port 8119]

Like ``bench/load.py`` (whose copy and server it uses), it copies the database in
``DATABASE_URL``, migrates the copy and loads the demo, then adds the soak's own cast: 20
member organisations of Ceredigion's CVC, each with an admin account (a session for the web
and a bearer token for the API), an open election whose roll includes them, and a staff
session. gunicorn serves the copy; locust (``bench/soakfile.py``) runs ``--users`` users
plus one member of staff for ``--run-time``, each member reading pages (home, directory search, a board, a consultation, the
election, ``/oruk/services``) and writing: casting its organisation's vote (once; a second
try must be refused), answering each open consultation (once each), editing its
organisation through ``PATCH /api/organisations/{slug}``; and the member of staff uploading of an Open Referral UK organisation to the directory .

Each user counts the writes the server accepted. Afterwards the soak counts the same things
in the database: ballots in holding and the box, electors marked as voted, submitted
responses, organisation history rows and ``organisation.updated`` events, imported
organisations. It reports the requests, the errors (target 0: any 5xx, or an answer that is
neither success nor the expected refusal) and whether every count matches (nothing lost,
nothing doubled), and exits non-zero otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.load import Copy, wait_until_up  # noqa: E402

VENV_BIN = Path(sys.executable).parent
PREFIX = "soak-member-"
IMPORTED = "Soak import "


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
    import django

    django.setup()


def prepare() -> None:
    """In the copy: migrate, load the demo, add the soak's cast; print what locust needs."""
    _setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from commonground.api.models import ApiToken
    from commonground.core.models import Affiliation, Area, Membership, Organisation, Person, User
    from commonground.engagement.models import Consultation, Question
    from commonground.partnerships.models import PartnershipBody, Seat
    from commonground.representation import actions
    from commonground.representation.models import Election, Vacancy

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    area = Area.objects.get(slug="ceredigion")
    staff = User.objects.get(email="sian@cavo.example")

    def session(user: User) -> str:
        client = Client()  # one each: signing a second user in on one client ends the first's
        client.force_login(user)
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    members: list[dict[str, str]] = []
    admins: list[tuple[User, Person, Organisation]] = []
    for n in range(int(os.environ.get("SOAK_MEMBERS", "20"))):
        organisation, _ = Organisation.objects.get_or_create(
            slug=f"{PREFIX}{n:02d}",
            defaults={
                "name_en": f"Soak member {n:02d}",
                "kind": Organisation.Kind.THIRD_SECTOR,
                "legal_form": Organisation.LegalForm.CIO,
                "area": area,
                "public_listing": True,
                "constituted": True,
                "founded_on": timezone.localdate() - timedelta(days=3650),
            },
        )
        Membership.objects.get_or_create(
            organisation=organisation,
            infrastructure_body=area.infrastructure_body,
            defaults={
                "engagement_level": Membership.EngagementLevel.REPRESENT,
                "joined_on": timezone.localdate() - timedelta(days=3000),
            },
        )
        person = Person.objects.create(given_name="Soak", family_name=f"Admin {n:02d}")
        user = User.objects.create_user(
            f"soak{n:02d}@soak.example", secrets.token_urlsafe(), person=person
        )
        Affiliation.objects.create(
            person=person, organisation=organisation, role="staff", is_admin=True
        )
        _, token = ApiToken.issue(user, "soak")
        admins.append((user, person, organisation))
        members.append({"slug": organisation.slug, "session": session(user), "token": token})

    board = PartnershipBody.objects.filter(areas=area).order_by("pk").first()
    assert board is not None, "the demo has a board in Ceredigion"
    seat = Seat.objects.create(body=board, name_en="Soak seat", kind=Seat.Kind.SECTOR)
    vacancy = actions.advertise_vacancy(staff, seat, role_description_en="The soak's seat.")
    for user, person, organisation in admins[:3]:
        nomination = actions.submit_nomination(
            user, vacancy, organisation, person, "I will report back."
        )
        actions.validate_nomination(staff, nomination, accept=True)
    Vacancy.objects.filter(pk=vacancy.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    vacancy.refresh_from_db()
    actions.close_nominations(staff, vacancy, method=Election.Method.SCOTTISH)
    election = actions.open_voting(staff, Election.objects.get(vacancy=vacancy))
    consultations = [
        {
            "path": f"/engagement/consultations/{c.pk}/respond/",
            "questions": [q.pk for q in c.questions.all() if q.kind == Question.Kind.FREE_TEXT],
        }
        for c in Consultation.objects.filter(status=Consultation.Status.PUBLISHED).order_by("pk")
        if c.is_open()
    ]
    assert consultations, "the demo has an open consultation"
    print(
        json.dumps(
            {
                "cookie": settings.SESSION_COOKIE_NAME,
                "members": members,
                "staff_session": session(staff),
                "area": area.slug,
                "election": f"/representation/elections/{election.pk}/",
                "election_id": election.pk,
                "board": f"/partnerships/{board.slug}/",
                "consultations": consultations,
            }
        )
    )


def reconcile(plan_file: str, counts_file: str) -> None:
    """In the copy, after the run: the database's counts beside the users' own."""
    _setup()
    from commonground.core.models import DomainEvent, Organisation
    from commonground.engagement.models import Response
    from commonground.representation.models import Ballot, Elector, HeldBallot

    plan = json.loads(Path(plan_file).read_text())
    counted = json.loads(Path(counts_file).read_text())
    election = plan["election_id"]
    soak_orgs = Organisation.objects.filter(slug__startswith=PREFIX)
    history = Organisation.history.filter(slug__startswith=PREFIX, history_type="~")
    stored = {
        "votes (ballots in holding and box)": HeldBallot.objects.filter(
            election_id=election
        ).count()
        + Ballot.objects.filter(election_id=election).count(),
        "votes (electors marked voted)": Elector.objects.filter(
            election_id=election, has_voted=True, organisation__in=soak_orgs
        ).count(),
        "responses": Response.objects.filter(
            respondent__email__endswith="@soak.example", status=Response.Status.SUBMITTED
        ).count(),
        "edits (history rows)": history.count(),
        "edits (organisation.updated events)": DomainEvent.objects.of_type("organisation.updated")
        .filter(organisation__in=soak_orgs)
        .count(),
        "imports": Organisation.objects.filter(name_en__startswith=IMPORTED).count(),
    }
    expected = {
        "votes (ballots in holding and box)": counted["votes"],
        "votes (electors marked voted)": counted["votes"],
        "responses": counted["responses"],
        "edits (history rows)": counted["edits"],
        "edits (organisation.updated events)": counted["edits"],
        "imports": counted["imports"],
    }
    print(json.dumps({"stored": stored, "expected": expected}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--run-time", default="10m")
    parser.add_argument("--port", type=int, default=8119)
    parser.add_argument("--workers", default=os.environ.get("GUNICORN_WORKERS", "3"))
    parser.add_argument("--threads", default=os.environ.get("GUNICORN_THREADS", "4"))
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reconcile", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare()
        return
    if args.reconcile:
        reconcile(*args.reconcile)
        return
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("set DATABASE_URL to the database to copy (it is not changed)")
    host = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        db = Copy(url, tmp)
        db.create()
        server: subprocess.Popen[bytes] | None = None
        try:
            # One member organisation per user: each casts its own organisation's vote.
            env = dict(
                os.environ,
                DATABASE_URL=db.copy_url,
                TASKS_BACKEND="immediate",
                SOAK_MEMBERS=str(args.users),
            )
            env.pop("DJANGO_DEBUG", None)
            env.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
            env.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
            env.setdefault("DJANGO_HTTPS", "0")  # gunicorn speaks plain HTTP here, no TLS proxy
            prepared = subprocess.run(
                [sys.executable, __file__, "--prepare"],
                env=env,
                cwd=REPO,
                capture_output=True,
                text=True,
                check=False,
            )
            if prepared.returncode:
                sys.exit(f"preparing the copy failed:\n{prepared.stderr[-3000:]}")
            plan_file = tmp / "plan.json"
            plan_file.write_text(prepared.stdout.strip().splitlines()[-1])
            counts_file = tmp / "counts.json"
            env.update(
                COMMONGROUND_BENCH="1",
                DATABASE_CONN_MAX_AGE="60",
                GUNICORN_BIND=f"127.0.0.1:{args.port}",
                GUNICORN_WORKERS=str(args.workers),
                GUNICORN_THREADS=str(args.threads),
            )
            server = subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "--config", "gunicorn.conf.py"],
                env=env,
                cwd=REPO,
                stdout=(tmp / "gunicorn.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
            wait_until_up(f"{host}/bench/bare", server, 120)
            print(
                f"gunicorn {args.workers} workers x {args.threads} threads on {host}; "
                f"locust {args.users} users for {args.run_time}"
            )
            locust = subprocess.run(
                [
                    str(VENV_BIN / "locust"),
                    "-f",
                    str(REPO / "bench" / "soakfile.py"),
                    "--headless",
                    "--host",
                    host,
                    "--users",
                    str(args.users + 1),
                    "--spawn-rate",
                    "5",
                    "--run-time",
                    args.run_time,
                    "--stop-timeout",
                    "30",
                    "--csv",
                    str(tmp / "soak"),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                env=dict(env, SOAK_PLAN=str(plan_file), SOAK_COUNTS=str(counts_file)),
                cwd=REPO,
                check=False,
                capture_output=True,
                text=True,
            )
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            server = None
            requests, errors = _summary(tmp / "soak_stats.csv", tmp / "soak_failures.csv")
            checked = subprocess.run(
                [sys.executable, __file__, "--reconcile", str(plan_file), str(counts_file)],
                env=env,
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            )
            result: dict[str, Any] = json.loads(checked.stdout.strip().splitlines()[-1])
        finally:
            if server is not None:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=60)
            db.drop()
    matched = True
    print(f"{'write':40}{'users counted':>14}{'database':>10}")
    for name, stored in result["stored"].items():
        expected = result["expected"][name]
        matched = matched and stored == expected
        print(f"{name:40}{expected:>14}{stored:>10}{'' if stored == expected else '  MISMATCH'}")
    print(
        f"requests: {requests}, errors: {errors} (target 0); counts match: {'yes' if matched else 'NO'}"
    )
    if locust.returncode not in (0, 1):  # locust exits 1 when any request failed
        print(locust.stderr[-2000:])
    if errors or not matched:
        sys.exit(1)


def _summary(stats_csv: Path, failures_csv: Path) -> tuple[int, int]:
    import csv

    with stats_csv.open(newline="") as f:
        rows = list(csv.DictReader(f))
    print(f"{'request':<28}{'count':>8}{'errors':>7}{'p50':>7}{'p95':>7}{'p99':>7}")
    total = errors = 0
    for r in rows:
        print(
            f"{r['Name']:<28}{r['Request Count']:>8}{r['Failure Count']:>7}{r['50%']:>7}"
            f"{r['95%']:>7}{r['99%']:>7}"
        )
        if r["Name"] == "Aggregated":
            total, errors = int(r["Request Count"]), int(r["Failure Count"])
    if failures_csv.exists():
        with failures_csv.open(newline="") as f:
            for r in csv.DictReader(f):
                print(f"errors: {r['Occurrences']} x {r['Method']} {r['Name']}: {r['Error']}")
    return total, errors


if __name__ == "__main__":
    main()
