"""Input schemas of the development types, one pydantic model per type (see VOCABULARY.md)."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import Field, model_validator

from tracker.domain import bounds
from tracker.domain.development_base import CameoCode, DevelopmentIn, ExactDecimal, ResponseIn
from tracker.domain.fields import (
    ActorRefIn,
    ActorRefs,
    LongText,
    PartialTime,
    Period,
    PloverIn,
    Text,
    Texts,
    Unit,
)


class VisitIn(DevelopmentIn):
    """Someone travels to a place or to hosts (CAMEO 042, or 043 with hosts only)."""

    actor_fields = (("visitor", "visitor"), ("hosts", "host"))
    type: Literal["visit"] = "visit"
    visitor: ActorRefIn | None = None
    destination: Text
    hosts: ActorRefs = []
    purpose: Text | None = None
    status: Literal["planned", "under_way", "completed", "cancelled"]

    @model_validator(mode="after")
    def _someone(self) -> VisitIn:
        if self.visitor is None and not self.hosts:
            raise ValueError("visitor: give the visitor, or at least one of the hosts")
        return self


class TalksIn(DevelopmentIn):
    """Parties talk, or propose or stop talking, about a topic."""

    actor_fields = (("parties", "party"), ("mediator", "mediator"))
    type: Literal["talks"] = "talks"
    parties: ActorRefs = []
    topic: Text
    mediator: ActorRefIn | None = None
    format: Literal["in_person", "phone", "video", "indirect"] | None = None
    status: Literal["proposed", "scheduled", "held", "stalled", "resumed", "concluded", "collapsed"]


class StatementIn(DevelopmentIn):
    """Someone says something; schema v2 renamed v1's `text` to `content`."""

    actor_fields = (("speaker", "speaker"),)
    type: Literal["statement"] = "statement"
    speaker: ActorRefIn
    content: LongText
    channel: Text | None = None
    conditions: Texts = []
    tone: Literal["neutral", "optimistic", "pessimistic"] = "neutral"


class ConfirmationIn(ResponseIn):
    """Someone confirms an earlier development or a fact."""

    actor_fields = (("confirmer", "confirmer"),)
    reference_fields = ("confirms",)
    type: Literal["confirmation"] = "confirmation"
    confirmer: ActorRefIn
    confirms: UUID | None = None
    content: LongText | None = None
    details_withheld: bool = False


class DenialIn(ResponseIn):
    """Someone denies an earlier development or a claim."""

    actor_fields = (("denier", "denier"),)
    reference_fields = ("denies",)
    type: Literal["denial"] = "denial"
    denier: ActorRefIn
    denies: UUID | None = None
    content: LongText | None = None


class SanctionsRequestIn(DevelopmentIn):
    """Someone asks (appeal) or demands that sanctions be eased or lifted."""

    actor_fields = (("requester", "requester"), ("addressee", "addressee"))
    type: Literal["sanctions_request"] = "sanctions_request"
    requester: ActorRefIn
    addressee: ActorRefIn | None = None
    sanctions: Texts = []
    context: Text | None = None
    conditions: Texts = []
    intensity: Literal["appeal", "demand"] = "appeal"
    channel: Text | None = None


class SanctionsDecisionIn(DevelopmentIn):
    """Someone imposes, eases, lifts, extends or refuses to change sanctions."""

    actor_fields = (("decider", "decider"), ("target", "sanctions_target"))
    reference_fields = ("responds_to",)
    type: Literal["sanctions_decision"] = "sanctions_decision"
    decider: ActorRefIn
    target: ActorRefIn | None = None
    action: Literal["imposed", "eased", "lifted", "extended", "refused"]
    measures: Texts = []
    responds_to: UUID | None = None
    effective_at: PartialTime | None = None


class OfferIn(DevelopmentIn):
    """Someone offers something, possibly on conditions."""

    actor_fields = (("offerer", "offerer"), ("recipient", "recipient"))
    type: Literal["offer"] = "offer"
    offerer: ActorRefIn
    recipient: ActorRefIn | None = None
    domain: Literal["economic", "diplomatic", "military", "humanitarian", "sanctions", "other"]
    content: LongText
    conditions: Texts = []


class AgreementIn(DevelopmentIn):
    """Parties agree on something, perhaps in a named instrument."""

    actor_fields = (("parties", "party"),)
    type: Literal["agreement"] = "agreement"
    parties: list[ActorRefIn] = Field(min_length=1, max_length=bounds.LIST_ITEMS)
    instrument: Text | None = None
    terms: LongText | None = None


class RejectionIn(ResponseIn):
    """Someone rejects an earlier development (a request, an offer, talks) or a proposal."""

    actor_fields = (("rejecter", "rejecter"),)
    reference_fields = ("rejects",)
    type: Literal["rejection"] = "rejection"
    rejecter: ActorRefIn
    rejects: UUID | None = None
    content: LongText | None = None


class FigureIn(DevelopmentIn):
    """A number with a unit for a period; the value stays an exact decimal."""

    type: Literal["figure"] = "figure"
    metric: Text
    subject: Text | None = None
    value: ExactDecimal
    unit: Unit = Field(description="ISO 4217 currency (USD) or a unit (t, bbl, %)")
    period: Period | None = Field(default=None, description="defaults to occurred_at")
    note: LongText | None = None

    @model_validator(mode="after")
    def _has_period(self) -> FigureIn:
        if self.period is None and self.occurred_at is None:
            raise ValueError("period: give the period the value is for (e.g. 2024), or occurred_at")
        return self


class AppointmentIn(DevelopmentIn):
    """Someone is appointed to a role."""

    actor_fields = (("person", "appointee"), ("organization", "organization"))
    type: Literal["appointment"] = "appointment"
    person: ActorRefIn
    role: Text
    organization: ActorRefIn | None = None


class OtherIn(DevelopmentIn):
    """Anything else; its CAMEO and PLOVER codes are given, not derived."""

    type: Literal["other"] = "other"
    content: LongText
    cameo: CameoCode | None = None
    plover: PloverIn | None = None


DEVELOPMENT_MODELS: dict[str, type[DevelopmentIn]] = {
    model.model_fields["type"].default: model
    for model in (
        VisitIn,
        TalksIn,
        StatementIn,
        ConfirmationIn,
        DenialIn,
        SanctionsRequestIn,
        SanctionsDecisionIn,
        OfferIn,
        AgreementIn,
        RejectionIn,
        FigureIn,
        AppointmentIn,
        OtherIn,
    )
}

__all__ = [
    "DEVELOPMENT_MODELS",
    "AgreementIn",
    "AppointmentIn",
    "ConfirmationIn",
    "DenialIn",
    "DevelopmentIn",
    "FigureIn",
    "OfferIn",
    "OtherIn",
    "RejectionIn",
    "SanctionsDecisionIn",
    "SanctionsRequestIn",
    "StatementIn",
    "TalksIn",
    "VisitIn",
]
