/**
 * @module cli/commands/token
 * `token create|list|revoke`: API tokens for `serve`. Only a hash is kept in the home folder; the
 * token itself is printed once, by `create`.
 */
import type { Command } from 'commander';
import { ROLES, type Role, type TokenInfo } from '../../store/tokens.js';
import { type CommonFlags, run, withCommon } from '../context.js';
import { lifetime, oneOf } from '../flag-values.js';
import { colour } from '../output.js';

function tokenTable(list: TokenInfo[]): string {
  if (list.length === 0) return 'No API tokens. Create one with "mcp-orchestration token create".';
  const rows = [
    ['ID', 'NAME', 'ROLE', 'PROFILES', 'CREATED', 'EXPIRES', 'LAST USED'],
    ...list.map((t) => [
      t.id,
      t.name,
      t.role,
      t.profiles ?? '*',
      t.created_at,
      t.expires_at ?? 'never',
      t.last_used_at ?? 'never',
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function registerToken(program: Command): void {
  const token = program.command('token').description('API tokens for the HTTP server (stored hashed)');

  withCommon(token.command('create'))
    .description('create an API token and print it once')
    .option('-n, --name <name>', 'a label to tell tokens apart', 'default')
    .addOption(
      lifetime('--expires <lifetime>', 'lifetime such as 90m, 12h, 30d, 2w, or never', { never: true }),
    )
    .addOption(
      oneOf(
        '--role <role>',
        'reader (read and sync), publisher (also drafts, publish, deploy, rollback) or admin (also tokens, keys, fleet, audit)',
        ROLES,
      ).default('admin'),
    )
    .option('--profiles <glob>', 'limit the token to profiles matching this glob, e.g. "team-*"')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration token create --name ci --expires 30d\n  mcp-orchestration token create --name laptop --role reader --profiles "team-*"\n  TOKEN=$(mcp-orchestration token create --json | jq -r .token)',
    )
    .action((flags: CommonFlags & { name: string; expires?: number; role: Role; profiles?: string }) =>
      run(
        flags,
        async (svc) => {
          const ttlMs = flags.expires;
          return svc.createToken({
            name: flags.name,
            role: flags.role,
            ...(flags.profiles === undefined ? {} : { profiles: flags.profiles }),
            ...(ttlMs === undefined ? {} : { ttlMs }),
          });
        },
        (t) =>
          [
            t.token,
            '',
            colour.dim(
              `id ${t.id}, name ${t.name}, role ${t.role}${t.profiles ? `, profiles ${t.profiles}` : ''}, expires ${t.expires_at ?? 'never'}.`,
            ),
            colour.yellow('This is the only time the token is shown; store it somewhere safe.'),
          ].join('\n'),
      ),
    );

  withCommon(token.command('list'))
    .description('list tokens: id, name, created, expires, last used (never the secret)')
    .action((flags: CommonFlags) =>
      run(
        flags,
        async (svc) => ({ tokens: await svc.listTokens() }),
        (r) => tokenTable(r.tokens),
      ),
    );

  withCommon(token.command('revoke'))
    .description('revoke a token: requests carrying it fail from now on')
    .argument('<id>', 'token id, see "token list"')
    .action((id: string, flags: CommonFlags) =>
      run(
        flags,
        async (svc) => ({ revoked: await svc.revokeToken(id) }),
        (r) => `Revoked ${r.revoked.id} (${r.revoked.name}).`,
      ),
    );
}
