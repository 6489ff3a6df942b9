import { describe, expect, it } from 'vitest';
import { fromFsError, toOrchestrationError } from './errors.js';

const errno = (code: string, path?: string) =>
  Object.assign(new Error(`${code}: failed`), { code, ...(path === undefined ? {} : { path }) });

describe('toOrchestrationError for file system failures', () => {
  it('ENOSPC and EDQUOT -> DISK_FULL naming the path and saying what to do', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      const err = toOrchestrationError(errno(code, '/h/store/history.jsonl'));
      expect(err.code).toBe('DISK_FULL');
      expect(err.details).toEqual({ path: '/h/store/history.jsonl' });
      expect(err.message).toContain('/h/store/history.jsonl');
      expect(err.message).toContain('Free some space');
    }
  });

  it('EACCES and EPERM -> PERMISSION_DENIED naming the path', () => {
    for (const code of ['EACCES', 'EPERM']) {
      const err = toOrchestrationError(errno(code, '/h/keys/signing.key'));
      expect(err.code).toBe('PERMISSION_DENIED');
      expect(err.details).toEqual({ path: '/h/keys/signing.key' });
      expect(err.message).toContain('/h/keys/signing.key');
    }
  });

  it('the path given stands in when the errno has none; other errnos stay unmapped', () => {
    expect(fromFsError(errno('ENOSPC'), '/h/x.json')?.details).toEqual({ path: '/h/x.json' });
    expect(fromFsError(errno('ENOTDIR'), '/h/x.json')).toBeNull();
    expect(toOrchestrationError(errno('ENOTDIR', '/h/x')).code).toBe('INTERNAL_ERROR');
  });
});
