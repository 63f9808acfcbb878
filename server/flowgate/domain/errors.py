"""Domain errors. Each carries a kind (mapped to a transport status in one table in
`flowgate.api.errors`), a stable machine-readable reason and a caller-safe message."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar


class ErrorKind(enum.Enum):
    """What went wrong, independent of transport."""

    INVALID = "invalid"
    UNPROCESSABLE = "unprocessable"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    PAYMENT_REQUIRED = "payment_required"
    RESOURCE_EXHAUSTED = "resource_exhausted"
    TOO_LARGE = "too_large"
    INTERNAL = "internal"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One offending field of a request."""

    field: str
    message: str


class FlowgateError(Exception):
    """Base of every error a caller may see. `message` is safe to show to callers."""

    kind: ClassVar[ErrorKind] = ErrorKind.INTERNAL
    reason: ClassVar[str] = "INTERNAL"

    def __init__(self, message: str, *, violations: Sequence[FieldViolation] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.violations: tuple[FieldViolation, ...] = tuple(violations)


class InvalidArgument(FlowgateError):
    kind = ErrorKind.INVALID
    reason = "INVALID_ARGUMENT"


class ValidationFailed(FlowgateError):
    """A request's fields are missing or malformed (HTTP 422 where the family says so)."""

    kind = ErrorKind.UNPROCESSABLE
    reason = "VALIDATION_ERROR"


class Taken(InvalidArgument):
    """A unique name (username, e-mail, team name, membership) is already in use."""

    reason = "ALREADY_EXISTS"


class InputValidationFailed(InvalidArgument):
    """The run inputs do not satisfy the app's input schema."""

    reason = "INPUT_VALIDATION_FAILED"

    def __init__(self, violations: Sequence[FieldViolation]) -> None:
        super().__init__("Input validation failed", violations=violations)


class InvalidWorkflow(InvalidArgument):
    """A workflow graph failed validation."""

    reason = "INVALID_WORKFLOW"


class Unauthenticated(FlowgateError):
    kind = ErrorKind.UNAUTHENTICATED
    reason = "UNAUTHENTICATED"

    def __init__(self, message: str = "Unauthorized") -> None:
        super().__init__(message)


class PermissionDenied(FlowgateError):
    kind = ErrorKind.FORBIDDEN
    reason = "PERMISSION_DENIED"


class PrivateApp(PermissionDenied):
    """A key of another team tried to run a private app."""

    reason = "PRIVATE_APP"

    def __init__(self) -> None:
        super().__init__("Permission denied: This is a private app and your API key does not belong to its team")


class NotFound(FlowgateError):
    kind = ErrorKind.NOT_FOUND
    reason = "NOT_FOUND"


class DeploymentNotFound(NotFound):
    reason = "DEPLOYMENT_NOT_FOUND"

    def __init__(self) -> None:
        super().__init__("Deployment not found")


class OtherApp(PermissionDenied):
    """An app key used for another app than its own."""

    reason = "APP_KEY_MISMATCH"

    def __init__(self) -> None:
        super().__init__("Permission denied: This app key belongs to another app")


class AppUnavailable(PermissionDenied):
    """An app key's app has no published release left (all retired, or none yet)."""

    reason = "APP_UNAVAILABLE"

    def __init__(self) -> None:
        super().__init__("The app is unavailable: it has no published release")


class DraftRelease(InvalidArgument):
    """A run pinned to a draft (a workflow or document id) instead of a published release."""

    reason = "DRAFT_RELEASE"

    def __init__(self, workflow_id: str) -> None:
        super().__init__(f"Cannot use draft workflow version. Workflow ID: {workflow_id}")


class MalformedId(InvalidArgument):
    """An id in a path that cannot be one (not a UUID)."""

    reason = "MALFORMED_ID"


class ReleaseNotFound(NotFound):
    """A run pinned to a release that is not one of the app's published releases."""

    reason = "RELEASE_NOT_FOUND"

    def __init__(self, deployment_id: str) -> None:
        super().__init__(f"Workflow not found with id: {deployment_id}")


class DeploymentMismatch(PermissionDenied):
    """A schedule token used for another deployment than its own."""

    reason = "DEPLOYMENT_MISMATCH"

    def __init__(self) -> None:
        super().__init__("Deployment ID mismatch")


class AliasNotFound(NotFound):
    reason = "ALIAS_NOT_FOUND"

    def __init__(self, alias: str) -> None:
        super().__init__(f"Release alias '{alias}' not found")


class VersionNotFound(NotFound):
    reason = "VERSION_NOT_FOUND"

    def __init__(self, version: str) -> None:
        super().__init__(f"No published version matching '{version}' found")


class EndpointNotFound(NotFound):
    reason = "ENDPOINT_NOT_FOUND"

    def __init__(self, method: str, path: str) -> None:
        super().__init__(f"No endpoint matching {method} {path}")


class EndpointWithoutDeployment(InvalidArgument):
    reason = "ENDPOINT_WITHOUT_DEPLOYMENT"

    def __init__(self, name: str) -> None:
        super().__init__(f"Endpoint '{name}' has no deployment configured")


class RunEventsExpired(NotFound):
    reason = "RUN_EVENTS_EXPIRED"

    def __init__(self) -> None:
        super().__init__("The run's events are no longer kept; GetRun has its result")


class InsufficientCredits(FlowgateError):
    kind = ErrorKind.PAYMENT_REQUIRED
    reason = "INSUFFICIENT_CREDITS"

    def __init__(self) -> None:
        super().__init__("insufficient_credits")


class AlreadyExists(FlowgateError):
    kind = ErrorKind.CONFLICT
    reason = "ALREADY_EXISTS"


class IdempotencyConflict(AlreadyExists):
    reason = "IDEMPOTENCY_KEY_REUSED"

    def __init__(self) -> None:
        super().__init__("Idempotency-Key was already used with a different request")


class InvalidSnapshot(FlowgateError):
    """A stored deployment snapshot fails its content check."""

    kind = ErrorKind.INTERNAL
    reason = "INVALID_SNAPSHOT"

    def __init__(self) -> None:
        super().__init__("Invalid deployment snapshot: missing content")


class LimitExceeded(FlowgateError):
    kind = ErrorKind.RESOURCE_EXHAUSTED
    reason = "LIMIT_EXCEEDED"


class TooManyActiveRuns(LimitExceeded):
    """An app has as many runs going as it may have at once."""

    reason = "TOO_MANY_ACTIVE_RUNS"

    def __init__(self, limit: int) -> None:
        super().__init__(f"Too many requests. Please try again later. The app runs at most {limit} at once.")


class ResponseTooLarge(FlowgateError):
    """A one-shot answer larger than the response size limit: refused, not cut."""

    kind = ErrorKind.TOO_LARGE
    reason = "RESPONSE_TOO_LARGE"

    def __init__(self, limit: int) -> None:
        super().__init__(f"Response too large: the answer is over {limit} bytes")


class TooManyAttempts(LimitExceeded):
    """Too many failed sign-ins for one user name: refused for `retry_after_seconds`."""

    reason = "TOO_MANY_ATTEMPTS"

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True, slots=True)
class ErrorReport:
    """A transport-neutral description of an error, for renderers."""

    kind: ErrorKind
    reason: str
    message: str
    violations: tuple[FieldViolation, ...] = field(default=())

    @classmethod
    def of(cls, err: FlowgateError) -> ErrorReport:
        return cls(err.kind, err.reason, err.message, err.violations)
