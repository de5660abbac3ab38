export { ApiError, AuthError, HttpError, NetworkError, SchemaError, TimeoutError } from './api-errors.js';
export type { ApiErrorContext, AuthFailureReason, ProblemDetails, SchemaIssue, TimeoutKind } from './api-errors.js';
export { isAbortError, isApiError, isAuthError, isHttpError, isNetworkError, isSchemaError, isTimeoutError } from './guards.js';
export { describeAttempts, describeCall, describeProblem, hintForStatus } from './messages.js';
