/**
 * The error code a call fails with (thrown or rejected), or `'ok'` when it succeeds.
 */
import type { OrchestrationError } from '../../src/core/errors.js';

export async function errorCode(fn: () => unknown): Promise<string> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    return (err as OrchestrationError).code;
  }
}
