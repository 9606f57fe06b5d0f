"""xAPI 1.0.3 statements for learning events, built from plain data (docs/architecture.md,
"Learning records (xAPI)").

Pure: no database, no settings, no network. The receivers in `learning_records_receivers.py`
turn domain events into `LearningEvent`s; `statement()` turns one into the JSON an LRS accepts;
`learning_records_outbox.py` stores and sends it. So the shape of every statement can be checked
without a database, and the rules for retrying live beside it.

Identity: the actor is an xAPI `account` on this site whose name is a keyed hash of the person's
id (`actor_name`), never their email, name or raw id. Statement ids are derived from the event
(UUID 5), so writing the same event twice gives the same id, and an LRS that already holds it
answers 409 or 204 rather than storing it twice.
"""

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

# The version of the specification the requests follow (the X-Experience-API-Version header).
API_VERSION = "1.0.3"
# xAPI 1.0.3 (Data, 2.4.10): a Learning Record Provider that sets a statement's `version` MUST
# set it to "1.0.0", the data model every 1.0.x shares; the patch level travels in the header.
STATEMENT_VERSION = "1.0.0"
PLATFORM = "Himaya"


@dataclass(frozen=True)
class Verb:
    iri: str
    display: dict[str, str]


# Verb displays are data for another system in both languages at once (a language map), not
# text shown in this site's active language, so they are not marked for translation.
VERBS = {
    "registered": Verb(
        "http://adlnet.gov/expapi/verbs/registered", {"en": "registered", "ar": "سجّل في"}
    ),
    "completed": Verb(
        "http://adlnet.gov/expapi/verbs/completed", {"en": "completed", "ar": "أكمل"}
    ),
    "attended": Verb("http://adlnet.gov/expapi/verbs/attended", {"en": "attended", "ar": "حضر"}),
    "attempted": Verb(
        "http://adlnet.gov/expapi/verbs/attempted", {"en": "attempted", "ar": "حاول"}
    ),
    "passed": Verb("http://adlnet.gov/expapi/verbs/passed", {"en": "passed", "ar": "نجح في"}),
    "failed": Verb("http://adlnet.gov/expapi/verbs/failed", {"en": "failed", "ar": "لم ينجح في"}),
    # The Tin Can registry's verb for a certificate or badge awarded to the actor.
    "earned": Verb("http://id.tincanapi.com/verb/earned", {"en": "earned", "ar": "حصل على"}),
}
# No registry names the withdrawal of a credential (ADL's `voided` would erase the award from
# the record instead of adding a fact), so revocation is this site's own verb: see `verb()`.
REVOKED = "revoked"
REVOKED_DISPLAY = {"en": "had certificate revoked", "ar": "أُلغيت شهادته"}

# definition.type of each kind of activity: ADL's activity types; a certificate, which has no
# registered type, carries this site's own (`{base_url}/xapi/activity-types/certificate`).
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "session": "http://adlnet.gov/expapi/activities/meeting",
}


@dataclass(frozen=True)
class Activity:
    """Something learnt or earned: `kind` (a key of ACTIVITY_TYPES, or "certificate"), the stable
    `code` its IRI is built from (course code, lesson page id, quiz id, session id, certificate
    serial) and its names by language (only languages it really has a name in)."""

    kind: str
    code: str
    names: dict[str, str]


@dataclass(frozen=True)
class LearningEvent:
    """One fact about one person, as plain data.

    `key` names the fact uniquely among facts with the same verb (e.g. "enrolment:12"), so the
    same fact always gets the same statement id. `course` is the course it happened in (the
    statement's parent activity and registration), absent for the enrolment itself, whose object
    is the course. `percent` (0 to 100) and `success` are the result of a quiz."""

    verb: str
    key: str
    person_id: int
    occurred_at: datetime
    object: Activity
    course: Activity | None = None
    language: str = ""
    percent: Decimal | None = None
    success: bool | None = None
    completion: bool | None = None


def actor_name(person_id: int, *, key: str) -> str:
    """The person's opaque, stable name in the LRS: HMAC-SHA256 of their id under `key`
    (HIMAYA_PSEUDONYM_KEY), with a label of its own so that it differs from the pseudonyms of
    completion exports made with the same key. Changing the key changes every actor."""
    message = f"xapi-actor:{person_id}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def activity_iri(activity: Activity, *, base_url: str) -> str:
    return f"{base_url}/xapi/activities/{activity.kind}/{activity.code}"


def verb(name: str, *, base_url: str) -> dict:
    if name == REVOKED:
        return {"id": f"{base_url}/xapi/verbs/{REVOKED}", "display": dict(REVOKED_DISPLAY)}
    chosen = VERBS[name]
    return {"id": chosen.iri, "display": dict(chosen.display)}


def statement_id(event: LearningEvent, *, base_url: str) -> uuid.UUID:
    """The same fact on the same site always has the same id (UUID 5 of a URL naming it)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{base_url}/xapi/statements/{event.verb}/{event.key}")


def registration(*, person_id: int, course_code: str, base_url: str) -> uuid.UUID:
    """One registration per person and course: every statement about their enrolment shares it."""
    return uuid.uuid5(
        uuid.NAMESPACE_URL, f"{base_url}/xapi/registrations/{course_code}/{person_id}"
    )


def _activity(activity: Activity, *, base_url: str) -> dict:
    definition = {"name": dict(activity.names)}
    definition["type"] = ACTIVITY_TYPES.get(
        activity.kind, f"{base_url}/xapi/activity-types/{activity.kind}"
    )
    return {
        "objectType": "Activity",
        "id": activity_iri(activity, base_url=base_url),
        "definition": definition,
    }


def _result(event: LearningEvent) -> dict | None:
    result = {}
    if event.percent is not None:
        percent = Decimal(event.percent)
        result["score"] = {
            "scaled": float(round(percent / 100, 4)),
            "raw": float(percent),
            "min": 0,
            "max": 100,
        }
    if event.success is not None:
        result["success"] = event.success
    if event.completion is not None:
        result["completion"] = event.completion
    return result or None


def statement(event: LearningEvent, *, base_url: str, actor_key: str) -> dict:
    """The xAPI 1.0.3 statement of `event`. `base_url` is the site's address without a trailing
    slash (activity IRIs and the actor's homePage); `actor_key` the key of `actor_name`."""
    base_url = base_url.rstrip("/")
    context = {"platform": PLATFORM}
    if event.language:
        context["language"] = event.language
    course = event.course or (event.object if event.object.kind == "course" else None)
    if course is not None:
        context["registration"] = str(
            registration(person_id=event.person_id, course_code=course.code, base_url=base_url)
        )
    if event.course is not None:
        context["contextActivities"] = {"parent": [_activity(event.course, base_url=base_url)]}
    built = {
        "id": str(statement_id(event, base_url=base_url)),
        "actor": {
            "objectType": "Agent",
            "account": {
                "homePage": base_url,
                "name": actor_name(event.person_id, key=actor_key),
            },
        },
        "verb": verb(event.verb, base_url=base_url),
        "object": _activity(event.object, base_url=base_url),
        "context": context,
        "timestamp": event.occurred_at.isoformat(),
        "version": STATEMENT_VERSION,
    }
    result = _result(event)
    if result is not None:
        built["result"] = result
    return built


# --- Sending: what an answer means, and when to try again -------------------------------------

# After the n-th failed try that may pass (no answer, 5xx, 429), the next is due RETRY_DELAYS[n-1]
# later; after the last of them the statement is left for an administrator (about 21 hours).
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=12),
)
MAX_TRIES = len(RETRY_DELAYS) + 1


@dataclass(frozen=True)
class Outcome:
    """What one POST achieved: `sent`, or an `error` (no personal data: a status or the kind of
    network failure) that `retryable` says may pass."""

    sent: bool
    retryable: bool = False
    error: str = ""


def outcome_of_status(status: int, detail: str = "") -> Outcome:
    """2xx is stored; 409 means the LRS already holds this id (the statement is fixed, so it is
    ours, sent before): also stored. 429 and 5xx may pass; any other answer will not."""
    if 200 <= status < 300 or status == 409:
        return Outcome(sent=True)
    error = f"HTTP {status}" + (f": {detail}" if detail else "")
    return Outcome(sent=False, retryable=status == 429 or status >= 500, error=error)


def next_try_after(*, tries: int, outcome: Outcome, now: datetime) -> datetime | None:
    """When to try again after `tries` tries ending in `outcome`; None: sent, or given up."""
    if outcome.sent or not outcome.retryable or tries >= MAX_TRIES:
        return None
    return now + RETRY_DELAYS[tries - 1]
