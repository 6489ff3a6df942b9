/**
 * @module ui/api
 * The dashboard's only way to the server: `/v1` with the token in the `Authorization` header (never
 * a cookie, so another site cannot act with it), and errors as the CLI shows them: code + message.
 */
const TOKEN_KEY = 'mcp-orchestration.token';

/** An error answered by the API: the same `code`, `message` and `details` the CLI prints. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly status = 0,
  ) {
    super(message);
  }
}

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Called when the server says the token is no good, so the page can ask for a new one. */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { auth?: boolean; signOutOn401?: boolean } = {},
): Promise<T> {
  const auth = options.auth ?? true;
  const signOutOn401 = options.signOutOn401 ?? auth;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (auth && session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'omit',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(
      'REMOTE_UNAVAILABLE',
      'The server does not answer. Is "mcp-orchestration ui" still running?',
    );
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError('INTERNAL_ERROR', `The server answered ${res.status} without JSON.`, {}, res.status);
  }
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
      ?.error;
    const err = new ApiError(
      error?.code ?? 'INTERNAL_ERROR',
      error?.message ?? `The server answered ${res.status}.`,
      error?.details ?? {},
      res.status,
    );
    if (res.status === 401 && signOutOn401) onUnauthorized();
    throw err;
  }
  return data as T;
}

export type Role = 'reader' | 'publisher' | 'admin';

/** Who the token is (`GET /v1/whoami`): the pages shown follow its role. */
export interface Caller {
  id: string;
  name: string;
  role: Role;
  profiles: string | null;
  local: boolean;
}

let caller: { token: string; value: Caller } | undefined;

/** `/v1` calls; paths are relative to the server root. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
  /** Trades the one-time code of a login link for a token. */
  login: (code: string) => request<{ token: string }>('POST', '/ui/login', { code }, { auth: false }),
  /** Checks the token in the session without signing out when it is refused. */
  check: () => request<unknown>('GET', '/v1/whoami', undefined, { signOutOn401: false }),
  /** The signed-in token's name and role, asked once per token. */
  whoami: async (): Promise<Caller> => {
    const token = session.token ?? '';
    if (caller?.token !== token) caller = { token, value: await request<Caller>('GET', '/v1/whoami') };
    return caller.value;
  },
};

/** `encodeURIComponent` for a path segment. */
export const seg = (s: string) => encodeURIComponent(s);
