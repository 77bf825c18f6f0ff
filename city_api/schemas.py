"""Request and response bodies of /sync, as pydantic models: they make the OpenAPI spec say
what sync-protocol.md says."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

MAX_BATCH = 500


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class EnrolRequest(BaseModel):
    code: str = Field(max_length=40, description="one-time code XXXX-XXXX-XXXX")
    device_name: str = Field(default="", max_length=100)


class EnrolResponse(BaseModel):
    token: str
    device_id: str
    community_code: str
    role: Literal["office", "kiosk"]
    device_no: int = Field(description="1, 2, 3 … in order of enrolment within the community")


class WhoAmI(BaseModel):
    device_id: str
    community_code: str
    community_name: str
    role: Literal["office", "kiosk"]
    device_no: int
    server_time: str


class Change(BaseModel):
    seq: int
    table: str
    id: str
    version: int
    data: dict[str, Any]
    deleted_at: str | None
    created_at: str


class ChangesPage(BaseModel):
    changes: list[Change]
    next: int
    more: bool
    total_estimate: int | None = Field(default=None, description="only when since == 0")


class MutationIn(BaseModel):
    """Documentation of one mutation; the server checks each itself, so one bad mutation is
    rejected with a reason instead of failing the batch."""

    mutation_id: str
    table: str
    id: str
    op: Literal["insert", "update", "delete"]
    base_version: int = 0
    changes: dict[str, Any]


class PushRequest(BaseModel):
    mutations: list[dict[str, Any]] = Field(max_length=MAX_BATCH, description="MutationIn objects, in outbox order")


class Reason(BaseModel):
    code: str
    message: str


class ServerCopy(BaseModel):
    version: int
    data: dict[str, Any]
    deleted_at: str | None


class PushResult(BaseModel):
    mutation_id: str | None
    status: Literal["applied", "merged", "conflict", "rejected"]
    version: int | None = None
    seq: int | None = None
    record: ServerCopy | None = None
    conflict_fields: list[str] | None = None
    reason: Reason | None = None


class PushResponse(BaseModel):
    results: list[PushResult]
