"""Writes of the recognition workflow: transitions, registrations and evidence files, each with its history.

Every transition locks the year's CommuneYear row first (the same lock as the values' writes), so a
state never changes under someone saving values, and a step taken from an old page is refused.
"""

import datetime
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import policy
from communes.locking import Conflict, StaleVersion, changes_since, commune_years_for_update, commune_years_lock
from communes.models import Commune, CommuneYear, Registration
from communes.summary import scores_freeze
from criteria.models import Indicator
from criteria.selectors import criteria_set_for_year

from . import filetypes, rules
from .models import Evidence
from .notices import step_notify
from .proposal import ProposalCheck, proposal_check
from .rules import Action, Refusal


@dataclass(frozen=True)
class TransitionDetails:
    reason: str = ""
    council_date: datetime.date | None = None
    council_result: str = ""
    decision_number: str = ""
    decision_date: datetime.date | None = None
    decision_level: str = ""


class TransitionRefused(Exception):
    def __init__(
        self,
        refusal: Refusal,
        *,
        commune_year: CommuneYear,
        check: ProposalCheck | None = None,
        date_problems: dict[str, rules.DateProblem] | None = None,
    ):
        self.refusal, self.commune_year, self.check = refusal, commune_year, check
        self.date_problems = date_problems or {}
        super().__init__(f"{commune_year.commune_id}/{commune_year.year} {commune_year.state}: {refusal}")


class ConfirmationNeeded(Exception):
    """The step is allowed once the person confirms, having seen what is missing (`check`, `needed`)."""

    def __init__(self, needed: list[rules.Confirm], *, commune_year: CommuneYear, check: ProposalCheck):
        self.needed, self.commune_year, self.check = needed, commune_year, check
        super().__init__(f"{commune_year.commune_id}/{commune_year.year}: confirm {', '.join(needed)}")


def commune_year_transition(
    *,
    commune: Commune,
    year: int,
    action: Action,
    user,
    details: TransitionDetails | None = None,
    expected_version: int | None = None,
    confirmed: bool = False,
) -> CommuneYear:
    """Take one step of the workflow. Raises TransitionRefused (why), ConfirmationNeeded (a submission that
    misses criteria, an appraisal of a commune that never registered: allowed with `confirmed=True`) or
    StaleVersion; nothing changes then."""
    details = details or TransitionDetails()
    actor = policy.commune_actor(user, commune)
    with transaction.atomic():
        commune_year = commune_years_for_update(commune_ids=[commune.pk], year=year)[commune.pk]
        commune_year.commune = commune
        refusal = rules.refusal(action, commune_year.state, actor)
        if refusal is None and expected_version is not None and commune_year.version != expected_version:
            changes = changes_since(commune_year, expected_version)
            raise StaleVersion([Conflict(commune_year, expected_version, changes)])
        check, problems = None, {}
        if refusal is None:
            refusal, check, problems = _precondition(commune_year, action, details)
        if refusal is not None:
            raise TransitionRefused(refusal, commune_year=commune_year, check=check, date_problems=problems)
        if not confirmed:
            _ask_confirmation(commune_year, action)
        _apply(commune_year, action, details, user)
        step_notify(commune_year, action, user=user)
    return commune_year


def _precondition(
    commune_year: CommuneYear, action: Action, details: TransitionDetails
) -> tuple[Refusal | None, ProposalCheck | None, dict]:
    """What the step needs beyond the table: its details, dates that fit the year, the council's proposal,
    a complete dossier."""
    if rules.missing_details(action, asdict(details)):
        return Refusal.DETAILS, None, {}
    problems = rules.step_date_problems(
        year=commune_year.year,
        today=timezone.localdate(),
        council_date=details.council_date if action == Action.APPRAISE else None,
        decision_date=details.decision_date if action == Action.RECOGNISE else None,
        council_on_record=commune_year.council_date,
    )
    if problems:
        return Refusal.DATES, None, problems
    if action == Action.RECOGNISE and commune_year.council_result != CommuneYear.CouncilResult.APPROVED:
        return Refusal.COUNCIL, None, {}
    if not rules.needs_complete_proposal(action, asdict(details)):
        return None, None, {}
    check = proposal_check(commune=commune_year.commune, year=commune_year.year)
    return (None if check.complete else Refusal.PROPOSAL), check, {}


def _ask_confirmation(commune_year: CommuneYear, action: Action) -> None:
    """Raise ConfirmationNeeded when the step leaves the usual path (rules.confirmations_needed)."""
    if action not in (Action.SUBMIT, Action.APPRAISE):
        return
    commune = commune_year.commune
    check = proposal_check(commune=commune, year=commune_year.year)
    registered = Registration.objects.filter(commune=commune, year=commune_year.year).exists()
    needed = rules.confirmations_needed(action, proposal_complete=check.complete, registered=registered)
    if needed:
        raise ConfirmationNeeded(needed, commune_year=commune_year, check=check)


def _apply(commune_year: CommuneYear, action: Action, details: TransitionDetails, user) -> None:
    now = timezone.now()
    was_locked = commune_year.is_locked
    commune_year.state = rules.TRANSITIONS[action].target
    if action == Action.APPRAISE:
        commune_year.council_date, commune_year.council_result = details.council_date, details.council_result
    elif action == Action.RECOGNISE:
        commune_year.decision_number = details.decision_number
        commune_year.decision_date = details.decision_date
        commune_year.decision_level = details.decision_level
        _record_recognition(commune_year, user, now)
    elif action == Action.RETURN:
        commune_year.return_reason = details.reason
    elif action == Action.REOPEN:
        commune_year.reopen_reason = details.reason
    commune_year.version += 1
    commune_year.changed_by, commune_year.changed_at = user, now
    commune_year._history_user, commune_year._history_date = user, now
    commune_year.save()
    if was_locked != commune_year.is_locked:  # locked: keeps the result it is judged with; unlocked: today's again
        scores_freeze(commune_ids=[commune_year.commune_id], year=commune_year.year, frozen=commune_year.is_locked)


def _record_recognition(commune_year: CommuneYear, user, now) -> None:
    """The commune's first recognition also goes on the commune; a later decision (another year, reopened and
    recognised again) leaves the first in place, so the figures of earlier years never move."""
    commune = Commune.objects.select_for_update().get(pk=commune_year.commune_id)
    first = CommuneYear.objects.filter(commune=commune, state=CommuneYear.State.RECOGNISED, year__lt=commune_year.year)
    if commune.recognition_date is not None and first.exists():
        return
    commune.recognition_decision = commune_year.decision_number
    commune.recognition_date = commune_year.decision_date
    commune.recognition_level = commune_year.decision_level
    commune._history_user, commune._history_date = user, now
    commune.save()


@dataclass(frozen=True)
class Outcome:
    commune: Commune
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def commune_years_transition_many(
    *,
    communes: list[Commune],
    year: int,
    action: Action,
    user,
    details: TransitionDetails | None = None,
    expected_versions: dict[int, int] | None = None,
    confirmed: bool = False,
) -> list[Outcome]:
    """The same step for many communes, each in its own transaction and checked on its own."""
    outcomes = []
    for commune in communes:
        try:
            commune_year_transition(
                commune=commune,
                year=year,
                action=action,
                user=user,
                details=details,
                expected_version=(expected_versions or {}).get(commune.pk),
                confirmed=confirmed,
            )
        except (TransitionRefused, StaleVersion, ConfirmationNeeded) as error:
            outcomes.append(Outcome(commune, error))
        else:
            outcomes.append(Outcome(commune))
    return outcomes


class RegistrationExists(Exception):
    pass


def registration_create(*, commune: Commune, year: int, user) -> Registration:
    """Record that the commune registers to reach the standard in `year`. Raises RegistrationExists."""
    registration = Registration(commune=commune, year=year, registered_by=user)
    registration._history_user = user
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise RegistrationExists(f"{commune} {year}") from error
    return registration


class RegistrationLocked(Exception):
    """The commune's year is locked (submitted, verified, appraised or recognised): its registration stays."""


def registration_delete(*, registration: Registration, user) -> None:
    """Withdraw a registration; RegistrationLocked while the commune's year is locked."""
    locked = CommuneYear.objects.filter(
        commune_id=registration.commune_id, year=registration.year, state__in=CommuneYear.LOCKED_STATES
    )
    if locked.exists():
        raise RegistrationLocked
    registration._history_user = user
    registration.delete()


def evidence_max_bytes() -> int:
    return settings.NTM_EVIDENCE_MAX_BYTES


def evidence_check_file(upload: UploadedFile) -> filetypes.FileKind:
    """The file's kind by its content; ValidationError when too large or not an accepted kind."""
    limit = evidence_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": round(limit / 1024 / 1024, 1)}, code="too_large"
        )
    kind = filetypes.detect(upload)
    if kind is None:
        raise ValidationError(
            _("Only PDF, images (PNG, JPEG, GIF, WEBP), Word and Excel files are accepted; this file is none of them."),
            code="file_type",
        )
    return kind


def evidence_add(
    *,
    commune: Commune,
    year: int,
    indicator: Indicator,
    upload: UploadedFile,
    title: str,
    user,
    document_number: str = "",
    document_date: datetime.date | None = None,
) -> Evidence:
    """Attach a file to an indicator of the commune's year. Raises ValidationError or YearLocked."""
    kind = evidence_check_file(upload)
    criteria_set = criteria_set_for_year(year, commune.province)
    if criteria_set is None or indicator.criterion.criteria_set_id != criteria_set.pk:
        raise ValidationError(_("This indicator is not in the criteria set of %(year)s.") % {"year": year}, code="set")
    with transaction.atomic():
        commune_year = commune_years_lock(commune_ids=[commune.pk], year=year)[commune.pk]
        evidence = Evidence(
            commune_year=commune_year,
            indicator=indicator,
            original_name=(upload.name or kind.name)[-255:],
            content_type=kind.content_type,
            size=upload.size,
            title=title,
            document_number=document_number,
            document_date=document_date,
            uploaded_by=user,
        )
        evidence.file.save("upload", upload, save=False)  # the name comes from evidence_path, not from here
        evidence._history_user = user
        try:
            evidence.save()
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def evidence_delete(*, evidence: Evidence, user) -> None:
    """Remove a file of an unlocked year (raises YearLocked otherwise); the stored file goes after the commit."""
    commune_year = evidence.commune_year
    with transaction.atomic():
        commune_years_lock(commune_ids=[commune_year.commune_id], year=commune_year.year)
        storage, name = evidence.file.storage, evidence.file.name
        evidence._history_user = user
        evidence.delete()
        transaction.on_commit(lambda: storage.delete(name))
