/**
 * @module store/user-files
 * Reading a file a user names on the command line (a payload, a server definition, an artifact).
 */
import { readFileSync } from 'node:fs';
import { OrchestrationError } from '../core/errors.js';
import { parseNested } from '../core/nesting.js';
import { MAX_PAYLOAD_BYTES } from '../workflows/validate.js';

/** Reads a small text file given by a user (a public key). */
export function readTextFile(path: string, maxBytes = 64 * 1024): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new OrchestrationError('FILE_NOT_FOUND', `Cannot read ${path}: no such file or not readable.`, {
      path,
    });
  }
  if (Buffer.byteLength(text) > maxBytes) {
    throw new OrchestrationError('PAYLOAD_TOO_LARGE', `${path} is larger than ${maxBytes} bytes.`, { path });
  }
  return text;
}

/** Reads and parses a JSON file given by a user. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new OrchestrationError('FILE_NOT_FOUND', `Cannot read ${path}: no such file or not readable.`, {
      path,
    });
  }
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
    throw new OrchestrationError('PAYLOAD_TOO_LARGE', `${path} is larger than ${MAX_PAYLOAD_BYTES} bytes.`, {
      path,
    });
  }
  let value: unknown;
  try {
    value = parseNested(() => JSON.parse(text.replace(/^\uFEFF/, '')), path);
  } catch (err) {
    if (err instanceof OrchestrationError) throw err;
    throw new OrchestrationError('VALIDATION_ERROR', `${path} is not valid JSON: ${(err as Error).message}`, {
      path,
    });
  }
  return value;
}
