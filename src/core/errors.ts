/**
 * @module core/errors
 * The one error type of the project: every failure a user can cause carries a stable code.
 * Front doors map the code to an exit status, an MCP `isError` result or an HTTP status.
 */
import { z } from 'zod';

/** Stable error codes (DESIGN.md section 7): extend, never rename. */
export const ErrorCodeSchema = z.enum([
  'EMPTY_CONFIG',
  'MISSING_REQUIRED_FIELD',
  'MISSING_COMMAND',
  'INVALID_ARGS_TYPE',
  'INVALID_ENV_TYPE',
  'MISSING_REQUIRED_PARAM',
  'MISSING_REQUIRED_ENV',
  'INVALID_URL',
  'UNKNOWN_SERVER',
  'UNKNOWN_CLIENT',
  'INVALID_ID',
  'DUPLICATE_SERVER',
  'SERVER_NOT_IN_DRAFT',
  'NO_CHANGES',
  'PROFILE_NOT_FOUND',
  'ARTIFACT_NOT_FOUND',
  'AMBIGUOUS_ARTIFACT_ID',
  'TAMPERED',
  'SIGNATURE_INVALID',
  'KEYS_NOT_INITIALIZED',
  'CLIENT_CONFIG_INVALID',
  'MISSING_SECRET',
  'NOT_DEPLOYED',
  'WRITE_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'VALIDATION_ERROR',
  'INVALID_INPUT',
  'FILE_NOT_FOUND',
  'TOKEN_NOT_FOUND',
  'BACKUP_NOT_FOUND',
  'LOCK_TIMEOUT',
  'INTERNAL_ERROR',
  'ROUTE_NOT_FOUND',
  'UNMANAGED_CONFLICT',
  'UNSUPPORTED_RESTRICTION',
  'UNTRUSTED_KEY',
  'DOWNGRADE_DETECTED',
  'STORE_UNAVAILABLE',
  'REMOTE_UNAVAILABLE',
  'FORBIDDEN',
  'POLICY_VIOLATION',
  'DISK_FULL',
  'PERMISSION_DENIED',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_UNAUTHORIZED',
  'REGISTRY_INVALID_RESPONSE',
  'BACKUP_TAMPERED',
  'PATH_NOT_ALLOWED',
  'HOST_NOT_ALLOWED',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Warning codes never block an operation. */
export const WarningCodeSchema = z.enum([
  'SECRET_IN_PLAINTEXT',
  'COMMAND_NOT_FOUND',
  'UNSUPPORTED_TRANSPORT',
  'UNSUPPORTED_FIELD',
  'WINDOWS_NPX',
]);
export type WarningCode = z.infer<typeof WarningCodeSchema>;

/** The JSON form of an error, identical on every front door. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * A failure with a stable code and a message that says what to do next.
 * @example
 * throw new OrchestrationError('UNKNOWN_SERVER', 'No server "x" in the registry. Try "servers list --search x".', { serverId: 'x' });
 */
export class OrchestrationError extends Error {
  override readonly name = 'OrchestrationError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toJSON(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (Object.keys(this.details).length > 0) body.error.details = this.details;
    return body;
  }
}

/** Turns anything thrown into an OrchestrationError without leaking a stack trace. */
export function toOrchestrationError(err: unknown): OrchestrationError {
  if (err instanceof OrchestrationError) return err;
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    // Unknown fields carry a whole sentence ("Unknown field "x"; did you mean "y"?").
    const message =
      first?.code === 'unrecognized_keys'
        ? `${first.message}${where ? ` (${where.trim()})` : ''}`
        : `Invalid input${where}: ${first?.message ?? 'bad value'}.`;
    return new OrchestrationError('INVALID_INPUT', message, {
      issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const fsError = fromFsError(err);
  if (fsError) return fsError;
  const message = err instanceof Error ? err.message : String(err);
  return new OrchestrationError('INTERNAL_ERROR', `Unexpected failure: ${message}. Please report it.`);
}

/**
 * DISK_FULL or PERMISSION_DENIED for a failed file system call (its errno), naming the path; null
 * for any other failure. `path` stands in when the error carries none (a write through a temp file).
 * @example fromFsError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), '/h/x.json')?.code // 'DISK_FULL'
 */
export function fromFsError(err: unknown, path?: string): OrchestrationError | null {
  const errno = err as NodeJS.ErrnoException | null;
  const where = errno?.path ?? path;
  const at = where === undefined ? {} : { path: where };
  switch (errno?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new OrchestrationError(
        'DISK_FULL',
        `No space left on the disk${where ? ` of ${where}` : ''} (${errno.code}). Free some space and try again.`,
        at,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new OrchestrationError(
        'PERMISSION_DENIED',
        `Permission denied${where ? ` on ${where}` : ''} (${errno.code}). Check that this user may read and write it (owner, mode, a read-only disk), or run as its owner.`,
        at,
      );
    default:
      return null;
  }
}
