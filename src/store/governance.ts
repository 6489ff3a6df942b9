/**
 * @module store/governance
 * The governance settings and how the home folder keeps them: the policy (`policy.json`, as parsed
 * from the admin's YAML or JSON) and the registry settings (`registry.json`: the default registry
 * URL and the namespace of user servers). Each Store keeps them (`readSetting`/`writeSetting`):
 * the home folder in these files, PostgreSQL in its `settings` table, so every `serve` replica
 * of a hub enforces one policy.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OrchestrationError } from '../core/errors.js';
import { type Policy, PolicySchema } from '../core/schemas/policy.js';
import { writeJsonAtomic } from './atomic.js';
import type { HomeLayout } from './home.js';
import type { SettingName, Store } from './store.js';

export const RegistrySettingsSchema = z
  .object({
    /** The registry `servers search` reads when no `--registry` is given. */
    url: z.string().optional(),
    /** The reverse-DNS namespace of user servers in the Registry API this tool serves. */
    namespace: z.string().optional(),
  })
  .strict();
export type RegistrySettings = z.infer<typeof RegistrySettingsSchema>;

const settingFile = (home: HomeLayout, name: SettingName) => join(home.root, `${name}.json`);

/** The raw value of a setting in the home folder, or null when unset. */
export function readSettingFile(home: HomeLayout, name: SettingName): unknown {
  const path = settingFile(home, name);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new OrchestrationError(
      'VALIDATION_ERROR',
      `The stored ${name} ${path} is not valid JSON (${(err as Error).message}); set it again.`,
      { path },
    );
  }
}

/** Writes (0600, atomically) or, with null, removes a setting of the home folder. */
export function writeSettingFile(home: HomeLayout, name: SettingName, value: unknown): void {
  const path = settingFile(home, name);
  if (value === null || value === undefined) rmSync(path, { force: true });
  else writeJsonAtomic(path, value, { mode: 0o600 });
}

function parsed<T>(store: Store, name: SettingName, raw: unknown, schema: z.ZodType<T>): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new OrchestrationError(
    'VALIDATION_ERROR',
    `The ${name} stored in ${store.location} is not valid (${result.error.issues[0]?.message ?? 'bad value'}); set it again.`,
    { setting: name },
  );
}

/** The policy in force, or undefined when none is set (an empty policy, as earlier versions wrote, is none). */
export async function readPolicy(store: Store): Promise<Policy | undefined> {
  const raw = await store.readSetting('policy');
  if (raw === null) return undefined;
  const policy = parsed(store, 'policy', raw, PolicySchema);
  return Object.keys(policy).length > 0 ? policy : undefined;
}

/** Stores a (parsed) policy, or removes it with `null`. */
export function writePolicy(store: Store, policy: Policy | null): Promise<void> {
  return store.writeSetting('policy', policy);
}

export async function readRegistrySettings(store: Store): Promise<RegistrySettings> {
  const raw = await store.readSetting('registry');
  return raw === null ? {} : parsed(store, 'registry', raw, RegistrySettingsSchema);
}

export function writeRegistrySettings(store: Store, settings: RegistrySettings): Promise<void> {
  return store.writeSetting('registry', settings);
}
