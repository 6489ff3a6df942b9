/**
 * @module store/governance
 * The governance settings of a home folder: the policy (`policy.json`, as parsed from the admin's
 * YAML or JSON) and the registry settings (`registry.json`: the default registry URL and the
 * namespace of user servers). They live in the home folder whatever the Store, like the keys:
 * the hub's own machine holds its hub's policy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OrchestrationError } from '../core/errors.js';
import { type Policy, PolicySchema } from '../core/schemas/policy.js';
import { writeJsonAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';

export const RegistrySettingsSchema = z
  .object({
    /** The registry `servers search` reads when no `--registry` is given. */
    url: z.string().optional(),
    /** The reverse-DNS namespace of user servers in the Registry API this tool serves. */
    namespace: z.string().optional(),
  })
  .strict();
export type RegistrySettings = z.infer<typeof RegistrySettingsSchema>;

const policyFile = (home: HomeLayout) => join(home.root, 'policy.json');
const registryFile = (home: HomeLayout) => join(home.root, 'registry.json');

function readJson<T>(path: string, schema: z.ZodType<T>, what: string): T | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `The stored ${what} ${path} is not valid JSON (${(err as Error).message}); set it again.`,
      { path },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `The stored ${what} ${path} is not valid; set it again.`,
      {
        path,
      },
    );
  }
  return parsed.data;
}

/** The policy in force, or undefined when none was set. */
export function readPolicy(home: HomeLayout): Policy | undefined {
  return readJson(policyFile(home), PolicySchema, 'policy');
}

/** Stores a (parsed) policy, or removes it with `null`. */
export function writePolicy(home: HomeLayout, policy: Policy | null): void {
  writeJsonAtomic(policyFile(home), policy ?? {}, { mode: 0o600 });
}

export function readRegistrySettings(home: HomeLayout): RegistrySettings {
  return readJson(registryFile(home), RegistrySettingsSchema, 'registry settings') ?? {};
}

export function writeRegistrySettings(home: HomeLayout, settings: RegistrySettings): void {
  writeJsonAtomic(registryFile(home), settings, { mode: 0o600 });
}
