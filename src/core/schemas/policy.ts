/**
 * @module core/schemas/policy
 * The governance policy (DESIGN.md section 8), written by an admin as YAML or JSON:
 * allow / deny rules, allowed transports, `${env:NAME}` references for secrets, a server cap.
 */
import { z } from 'zod';

/** `npm:@acme/*`, `pypi:mcp-server-git@1.2.0`, `oci:ghcr.io/acme/*`: type, glob, optional pinned version. */
export const PACKAGE_MATCHER_PATTERN = /^(npm|pypi|oci):[^\s]+$/;
export const TRANSPORTS = ['stdio', 'http', 'sse'] as const;

const MATCHERS = ['server', 'registry', 'package', 'command', 'url'] as const;

/**
 * One rule: every matcher it gives must match (a rule with `server` and `command` needs both).
 * Globs take `*` for any run of characters; in a URL's host part `*` stays within the host.
 */
export const PolicyRuleSchema = z
  .object({
    /** A catalog id or a server name in a config (`memory`, `acme-*`). */
    server: z.string().min(1).optional(),
    /** A reverse-DNS registry name (`io.github.acme/*`). */
    registry: z.string().min(1).optional(),
    /** `npm:|pypi:|oci:` identifier glob, optionally `@VERSION`. */
    package: z
      .string()
      .regex(PACKAGE_MATCHER_PATTERN, 'expected npm:NAME, pypi:NAME or oci:IMAGE, e.g. "npm:@acme/*"')
      .optional(),
    /** Pinned versions of `package`: only these match. */
    versions: z.array(z.string().min(1)).min(1).optional(),
    /** The executable, by name (`curl`) or full path. */
    command: z.string().min(1).optional(),
    /** A URL glob (`https://*.acme.com/*`). */
    url: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (!MATCHERS.some((m) => rule[m] !== undefined)) {
      ctx.addIssue({ code: 'custom', message: `a rule needs one of ${MATCHERS.join(', ')}` });
    }
    if (rule.versions && !rule.package) {
      ctx.addIssue({ code: 'custom', path: ['versions'], message: '"versions" pins a "package": give one' });
    }
  });
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

export const PolicySchema = z
  .object({
    /** When present, every server must match one of these. */
    allow: z.array(PolicyRuleSchema).optional(),
    /** Servers matching any of these are refused; deny wins over allow. */
    deny: z.array(PolicyRuleSchema).optional(),
    transports: z.array(z.enum(TRANSPORTS)).min(1).optional(),
    /** Secret-looking env values and headers must be `${env:NAME}` references. */
    require_env_references: z.boolean().optional(),
    max_servers: z.number().int().min(0).optional(),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;
