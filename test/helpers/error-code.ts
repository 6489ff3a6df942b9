/**
 * The error code a call fails with, or `'ok'` when it does not throw.
 */
import type { OrchestrationError } from '../../src/core/errors.js';

export function errorCode(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as OrchestrationError).code;
  }
}
