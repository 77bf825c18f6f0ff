"""Service requests (诉求/事件): logging them, finding duplicates, lists and the detail page.
The workflow that moves them is core.workflow; deadlines are core.deadlines."""

from community_app.core.requests.detail import RequestDetail, RequestNotFound, TimelineEvent, request_detail
from community_app.core.requests.duplicates import RADIUS_M, WINDOW, DuplicateCandidate, duplicate_candidates
from community_app.core.requests.intake import (
    CHANNELS,
    URGENCIES,
    RequestInput,
    check_request,
    log_request,
    next_ticket_no,
    ticket_prefix,
)
from community_app.core.requests.listing import (
    DUE_SOON_FILTER,
    OVERDUE_FILTER,
    PAUSED_FILTER,
    SORT_DUE,
    SORT_REPORTED,
    RequestFilter,
    RequestRow,
    count_requests,
    list_requests,
)

__all__ = [
    "CHANNELS",
    "DUE_SOON_FILTER",
    "OVERDUE_FILTER",
    "PAUSED_FILTER",
    "RADIUS_M",
    "SORT_DUE",
    "SORT_REPORTED",
    "URGENCIES",
    "WINDOW",
    "DuplicateCandidate",
    "RequestDetail",
    "RequestFilter",
    "RequestInput",
    "RequestNotFound",
    "RequestRow",
    "TimelineEvent",
    "check_request",
    "count_requests",
    "duplicate_candidates",
    "list_requests",
    "log_request",
    "next_ticket_no",
    "request_detail",
    "ticket_prefix",
]
