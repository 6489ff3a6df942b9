/**
 * @module cli/commands/deploy
 * `clients`, `deploy`, `status`, `rollback` and `import`.
 */
import type { Command } from 'commander';
import type { DeployResult, StatusEntry } from '../../core/schemas/deploy.js';
import type { Orchestrator } from '../../service/index.js';
import { countActions } from '../../workflows/managed.js';
import { type CommonFlags, run, type TargetFlags, target, withCommon, withTarget } from '../context.js';
import { oneOf } from '../flag-values.js';
import { colour, plural, UsageError } from '../output.js';
import { canAsk, confirm } from '../prompt.js';
import { showDiff } from './config.js';

const ACTION_PAINT = {
  added: colour.green,
  updated: colour.yellow,
  removed: colour.red,
  kept: colour.dim,
  unchanged: colour.dim,
} as const;

/** One line per server of the file: what the deploy did (or would do) to it. */
export function showServers(
  r: Pick<DeployResult, 'servers'> & Partial<Pick<DeployResult, 'changes'>>,
): string[] {
  const lines: string[] = [];
  for (const s of r.servers) {
    const note = [
      s.action === 'kept' ? 'not written by this tool' : '',
      s.adopted ? 'adopted' : '',
      s.unreadable ? `unreadable: ${s.unreadable}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(
      `  ${ACTION_PAINT[s.action](s.action.padEnd(9))} ${s.name}${note ? colour.dim(` (${note})`) : ''}`,
    );
    const change = r.changes?.changes.find((c) => c.server === s.name);
    for (const f of change?.fields ?? []) {
      const detail = f.redacted
        ? '(secret value changed)'
        : `${JSON.stringify(f.before ?? null)} -> ${JSON.stringify(f.after ?? null)}`;
      lines.push(`      ${f.field}: ${f.change} ${colour.dim(detail)}`);
    }
  }
  return lines;
}

/** `2 added, 1 kept, 1 unreadable kept` (only the actions that occur). */
export function actionCounts(r: Pick<DeployResult, 'servers'>): string {
  const counts = countActions(r.servers);
  const order = ['added', 'updated', 'removed', 'kept', 'unreadable_kept', 'unchanged'] as const;
  const parts = order.filter((a) => counts[a] > 0).map((a) => `${counts[a]} ${a.replace('_', ' ')}`);
  return parts.length > 0 ? parts.join(', ') : 'no servers';
}

export function showDeploy(r: DeployResult): string {
  const dry = r.status === 'dry-run';
  const verb = { deployed: 'Deployed', unchanged: 'Already deployed', 'dry-run': 'Dry run: would deploy' }[
    r.status
  ];
  const title =
    r.action === 'rollback' && r.status === 'deployed'
      ? `Rolled back ${r.client_id} to ${r.artifact_id}`
      : r.action === 'restore-backup'
        ? `Restored the backup of the ${r.client_id} config file`
        : `${verb} ${r.artifact_id} to ${r.client_id}`;
  const lines = [
    colour.green(title),
    `file:   ${r.config_path}`,
    ...(r.backup_id ? [`backup: ${r.backup_id}`] : []),
    ...showServers(r),
  ];
  // Warnings come before the final line, labelled, so the last line is always the outcome.
  for (const w of r.warnings) lines.push(`${colour.yellow('warning')} ${w.code}: ${w.message}`);
  for (const u of r.unreadable)
    lines.push(
      `${colour.yellow('warning')} UNREADABLE: "${u.server}" is not a server entry this tool can read (${u.reason}); it was left as it is.`,
    );
  lines.push(
    dry
      ? `Would change: ${actionCounts(r)}. Nothing was written.`
      : r.status === 'unchanged'
        ? `Nothing to write: ${actionCounts(r)}.`
        : `Wrote ${r.config_path}: ${actionCounts(r)}.`,
  );
  return lines.join('\n');
}

function showStatus(entries: StatusEntry[]): string {
  if (entries.length === 0) return 'Nothing deployed yet.';
  const paint = { 'in-sync': colour.green, drifted: colour.red, 'not-deployed': colour.yellow };
  return entries
    .map((e) => {
      const lines = [
        `${e.client_id}/${e.profile_id}: ${paint[e.state](e.state)} ${e.artifact_id ?? ''}${e.head_artifact_id && !e.head_is_deployed && e.artifact_id ? colour.yellow(' (head has moved on)') : ''}`,
        `  file: ${e.config_path ?? '-'}`,
      ];
      if (e.drift) lines.push(showDiff(e.drift).replace(/^/gm, '  '));
      return lines.join('\n');
    })
    .join('\n');
}

/**
 * The `yes` to pass for `--prune`: `--yes` as given, or asked on a terminal after showing what a
 * dry run would remove; null when the user says no. Without a terminal and without `--yes` the
 * service refuses, naming the flag.
 */
async function pruneConfirmed(
  flags: CommonFlags & { dryRun?: boolean },
  managed: { prune: boolean; yes: boolean },
  preview: () => Promise<DeployResult[]>,
): Promise<boolean | null> {
  if (!managed.prune || managed.yes || flags.dryRun || !canAsk(flags.json)) return managed.yes;
  const removed = (await preview()).flatMap((r) =>
    r.servers.filter((s) => s.action === 'removed').map((s) => `${r.client_id}: ${s.name}`),
  );
  if (removed.length === 0) return true;
  process.stderr.write(`--prune would remove:\n${removed.map((l) => `  ${l}`).join('\n')}\n`);
  return (await confirm(`Remove ${plural(removed.length, 'server')}?`)) ? true : null;
}

const SCOPES = ['user', 'project'] as const;
const scopeOption = () => oneOf('--scope <scope>', 'user or project config', SCOPES).default('user');

export function registerDeploy(program: Command): void {
  withCommon(program.command('clients'))
    .description('supported clients: id, name, format, config path on this machine, whether it exists')
    .option('--found', 'only clients whose config file exists')
    .action((flags: CommonFlags & { found?: boolean }) =>
      run(
        flags,
        async (svc) => {
          const { clients } = await svc.listClients();
          return { clients: flags.found ? clients.filter((c) => c.exists) : clients };
        },
        (r) =>
          r.clients
            .map(
              (c) =>
                `${c.client_id.padEnd(20)} ${c.format.padEnd(5)} ${c.exists ? colour.green('found  ') : colour.dim('missing')} ${c.config_path}`,
            )
            .join('\n'),
      ),
    );

  withTarget(program.command('deploy'))
    .description("write the profile head (or an artifact) into the client's config file; backup; log")
    .option('-a, --artifact <id>', 'deploy this artifact instead of the head')
    .option('--path <path>', "write this file instead of the client's usual one")
    .addOption(scopeOption())
    .option('--clients <ids>', 'deploy the profile to several clients (comma-separated)')
    .option('--dry-run', 'show what would change; write nothing')
    .option('--prune', 'also remove servers this tool did not write (asks first; --yes in scripts)')
    .option('--adopt', 'replace a same-named server this tool did not write instead of refusing')
    .option('-y, --yes', 'confirm --prune without asking')
    .option(
      '--allow-widening',
      'write disabled or tool-filtered servers to a client that cannot express that (they then run with every tool)',
    )
    .option('--wrap-windows-cmd', 'on Windows, run npx-style commands through "cmd /c"')
    .addHelpText(
      'after',
      '\nOnly servers this tool wrote are updated or removed; servers added by hand or by the client are kept.\n\nExamples:\n  mcp-orchestration deploy --dry-run\n  mcp-orchestration deploy --client cursor --path ./.cursor/mcp.json\n  mcp-orchestration deploy --clients cursor,vscode,claude-code\n  mcp-orchestration deploy --prune --dry-run   # what making the config exclusive would remove',
    )
    .action(
      (
        flags: TargetFlags & {
          artifact?: string;
          path?: string;
          scope: (typeof SCOPES)[number];
          clients?: string;
          dryRun?: boolean;
          wrapWindowsCmd?: boolean;
          prune?: boolean;
          adopt?: boolean;
          allowWidening?: boolean;
          yes?: boolean;
        },
      ) => {
        const managed = {
          prune: flags.prune ?? false,
          adopt: flags.adopt ?? false,
          yes: flags.yes ?? false,
        };
        if (flags.clients) {
          if (flags.path)
            return run(
              flags,
              () => Promise.reject(new UsageError('--path goes with one client, not --clients.')),
              () => '',
            );
          const many = (svc: Orchestrator, dryRun: boolean, yes: boolean) =>
            svc.deployMany({
              source_client_id: flags.client,
              profile_id: flags.profile,
              clients:
                flags.clients
                  ?.split(',')
                  .map((c) => c.trim())
                  .filter(Boolean) ?? [],
              artifact_id: flags.artifact,
              scope: flags.scope,
              dry_run: dryRun,
              wrap_windows_cmd: flags.wrapWindowsCmd ?? false,
              allow_widening: flags.allowWidening ?? false,
              ...managed,
              yes,
            });
          return run(
            flags,
            async (svc) => {
              const yes = await pruneConfirmed(
                flags,
                managed,
                async () => (await many(svc, true, true)).deployed,
              );
              if (yes === null) return { deployed: [], failed: [], cancelled: true };
              return { ...(await many(svc, flags.dryRun ?? false, yes)), cancelled: false };
            },
            (r) =>
              r.cancelled
                ? 'Cancelled; nothing was written.'
                : [
                    ...r.deployed.map(showDeploy),
                    ...r.failed.map((f) =>
                      colour.red(`Failed ${f.client_id}: ${f.error.code} ${f.error.message}`),
                    ),
                    flags.dryRun
                      ? `Dry run: would deploy to ${plural(r.deployed.length, 'client')}, ${r.failed.length} would fail; nothing was written.`
                      : `${r.deployed.length} deployed, ${r.failed.length} failed`,
                  ].join('\n'),
            (r) => (r.failed.length > 0 ? 1 : 0),
          );
        }
        const one = (svc: Orchestrator, dryRun: boolean, yes: boolean) =>
          svc.deploy({
            ...target(flags),
            artifact_id: flags.artifact,
            path: flags.path,
            scope: flags.scope,
            dry_run: dryRun,
            wrap_windows_cmd: flags.wrapWindowsCmd ?? false,
            allow_widening: flags.allowWidening ?? false,
            ...managed,
            yes,
          });
        return run(
          flags,
          async (svc) => {
            const yes = await pruneConfirmed(flags, managed, async () => [await one(svc, true, true)]);
            if (yes === null) return null;
            return one(svc, flags.dryRun ?? false, yes);
          },
          (r) => (r === null ? 'Cancelled; nothing was written.' : showDeploy(r)),
        );
      },
    );

  withCommon(program.command('status'))
    .description('per client and profile: the deployed artifact and in-sync / drifted / not-deployed')
    .option('-c, --client <id>', 'only this client')
    .option('-p, --profile <id>', 'only this profile')
    .option('--exit-code', 'exit 1 when anything drifted (for CI)')
    .action((flags: CommonFlags & { client?: string; profile?: string; exitCode?: boolean }) =>
      run(
        flags,
        (svc) => svc.status({ client_id: flags.client, profile_id: flags.profile }),
        (r) => showStatus(r.entries),
        (r) => (flags.exitCode && r.entries.some((e) => e.state !== 'in-sync') ? 1 : 0),
      ),
    );

  withTarget(program.command('rollback'))
    .description('deploy the previously deployed artifact (or --to ID) again, logged as a rollback')
    .option('--to <id>', 'the artifact to go back to')
    .option('--restore-backup', 'restore the exact bytes saved before the last deploy')
    .option('--path <path>', 'the config file (default: where it was deployed)')
    .option('--dry-run', 'say what the rollback would change; write nothing')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration rollback --client cursor\n  mcp-orchestration rollback --to sha256:1a2b3c4d --dry-run\n  mcp-orchestration rollback --restore-backup',
    )
    .action(
      (flags: TargetFlags & { to?: string; restoreBackup?: boolean; path?: string; dryRun?: boolean }) =>
        run(
          flags,
          (svc) =>
            svc.rollback({
              ...target(flags),
              to: flags.to,
              restore_backup: flags.restoreBackup ?? false,
              path: flags.path,
              dry_run: flags.dryRun ?? false,
            }),
          showDeploy,
        ),
    );

  withTarget(program.command('import'))
    .description("read a client's existing config file into the draft")
    .option('--path <path>', "read this file instead of the client's usual one")
    .addOption(scopeOption())
    .option('--replace', 'replace the draft instead of merging into it')
    .option('--all', 'import every client config found on this machine into its own draft')
    .option('--dry-run', 'say what would be imported; write nothing')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration import --client cursor\n  mcp-orchestration import --all --dry-run',
    )
    .action(
      (
        flags: TargetFlags & {
          path?: string;
          scope: (typeof SCOPES)[number];
          replace?: boolean;
          all?: boolean;
          dryRun?: boolean;
        },
      ) => {
        const dry = flags.dryRun ?? false;
        if (flags.all) {
          return run(
            flags,
            (svc) => svc.importAll(flags.profile, dry),
            (r) =>
              [
                ...r.imported.map(
                  (i) => `${i.client_id}: ${plural(i.servers.length, 'server')} from ${i.config_path}`,
                ),
                ...r.failed.map((f) => colour.red(`${f.client_id}: ${f.error}`)),
                r.imported.length === 0 && r.failed.length === 0 ? 'No client config files found.' : '',
              ]
                .filter(Boolean)
                .join('\n'),
          );
        }
        return run(
          flags,
          (svc) =>
            svc.importConfig({
              ...target(flags),
              path: flags.path,
              scope: flags.scope,
              replace: flags.replace ?? false,
              dry_run: dry,
            }),
          (r) =>
            [
              ...r.skipped.map((s) => colour.yellow(`  skipped ${s.server}: ${s.reason}`)),
              `${dry ? 'Dry run: would import' : 'Imported'} ${plural(r.imported.length, 'server')} from ${r.config_path} into the ${r.client_id}/${r.profile_id} draft (${r.server_count} in the draft${dry ? '; nothing was written' : ''}).`,
            ].join('\n'),
        );
      },
    );
}
