/**
 * @module cli/commands/hub
 * The team hub from both sides: `remote add|list|remove` and `sync` on a member's machine,
 * `fleet` and `audit` for the admin.
 */
import type { Command } from 'commander';
import type { FleetView } from '../../core/schemas/fleet.js';
import type { SyncResult } from '../../service/remotes.js';
import { readTextFile } from '../../store/user-files.js';
import { type CommonFlags, orchestrator, run, withCommon } from '../context.js';
import { lifetime, lifetimeMs, wholeNumber } from '../flag-values.js';
import { colour, escapeControls } from '../output.js';

function showSync(r: SyncResult): string {
  const head = r.head === 'unchanged' ? 'head unchanged (304)' : `new head ${r.artifact_id.slice(0, 19)}`;
  return [
    `${r.remote} ${r.client_id}/${r.profile_id}: ${head}`,
    ...r.deployed.map(
      (d) =>
        `  ${d.client_id}: ${r.dry_run ? `would be ${d.status === 'dry-run' ? 'changed' : d.status}` : d.status} (${d.config_path})`,
    ),
    ...r.failed.map((f) => colour.red(`  ${f.client_id}: ${f.error.code} ${f.error.message}`)),
    ...(r.note ? [`  ${r.note}`] : []),
    r.dry_run ? 'Dry run: nothing was written or reported.' : `${r.reported} report(s) sent to the hub.`,
  ].join('\n');
}

function showFleet(view: FleetView): string {
  if (view.machines.length === 0) return 'No machine has reported yet.';
  const header = [
    'HOSTNAME'.padEnd(20),
    'CLIENT'.padEnd(16),
    'PROFILE'.padEnd(12),
    'STATE'.padEnd(9),
    'HEAD   ',
    'REPORTED',
  ];
  const rows = view.machines.map((m) =>
    [
      m.hostname.padEnd(20),
      m.client_id.padEnd(16),
      m.profile_id.padEnd(12),
      (m.stale
        ? colour.yellow('stale')
        : m.state === 'in-sync'
          ? colour.green(m.state)
          : colour.red(m.state)
      ).padEnd(9),
      m.current ? 'current' : colour.yellow('behind '),
      m.reported_at,
    ].join(' '),
  );
  return [header.join(' '), ...rows].join('\n');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function registerHub(program: Command): void {
  const remote = program.command('remote').description('the team hubs this machine syncs from');
  withCommon(remote.command('add'))
    .description('save a hub: its URL, a token (stored 0600, never printed) and its publisher key, pinned')
    .argument('<name>', 'a name for the hub, e.g. team')
    .argument('<url>', 'the hub, e.g. https://mcp-hub.example.com')
    .requiredOption('--token <token>', 'a reader (or higher) token of the hub')
    .requiredOption('--trust <keyfile>', 'the hub\'s publisher public key(s), PEM ("keys export" on the hub)')
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration remote add team https://hub.example.com --token "$HUB_TOKEN" --trust hub.pub',
    )
    .action((name: string, url: string, flags: CommonFlags & { token: string; trust: string }) =>
      run(
        flags,
        (svc) =>
          svc.addRemote({
            name,
            url,
            token: flags.token,
            trust_pem: readTextFile(flags.trust),
            trust_source: flags.trust,
          }),
        (r) => `Added remote ${r.name} (${r.url}), pinned key(s) ${r.key_ids.join(', ')}.`,
      ),
    );
  withCommon(remote.command('list'))
    .description('the hubs saved here (never their tokens)')
    .action((flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.listRemotes(),
        (r) =>
          r.remotes.length === 0
            ? 'No remotes. Add one with "mcp-orchestration remote add NAME URL --token TOKEN --trust KEYFILE".'
            : r.remotes.map((x) => `${x.name.padEnd(12)} ${x.url}  keys ${x.key_ids.join(', ')}`).join('\n'),
      ),
    );
  withCommon(remote.command('remove'))
    .description('forget a hub (its keys stay trusted until "keys trust remove")')
    .argument('<name>')
    .action((name: string, flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.removeRemote(name),
        (r) => `Removed remote ${r.removed}.`,
      ),
    );

  withCommon(program.command('sync'))
    .description(
      "pull a profile's head from a hub, verify it against the pinned keys, deploy it here, report back",
    )
    .argument('<remote>', 'the hub, see "remote list"')
    .option('-c, --client <id>', 'the client of the profile on the hub', 'claude-desktop')
    .option('-p, --profile <id>', 'the profile on the hub', 'default')
    .option('--clients <ids>', 'local clients to deploy into, comma-separated (default: --client)')
    .option('--dry-run', 'fetch and verify, but write and report nothing')
    .option('--adopt', "replace a same-named server added by hand with the hub's instead of refusing")
    .option('--watch', 'sync again and again until stopped')
    .addOption(
      lifetime('--interval <lifetime>', 'time between syncs with --watch, e.g. 30s... 5m, 1h', {
        seconds: true,
      }).default(lifetimeMs('5m'), '5m'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration sync team --client claude-code --profile team\n  mcp-orchestration sync team --profile team --clients cursor,vscode --watch --interval 10m',
    )
    .action(
      async (
        name: string,
        flags: CommonFlags & {
          client: string;
          profile: string;
          clients?: string;
          dryRun?: boolean;
          adopt?: boolean;
          watch?: boolean;
          interval: number;
        },
      ) => {
        const input = {
          remote: name,
          client_id: flags.client,
          profile_id: flags.profile,
          clients: flags.clients
            ?.split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          dry_run: flags.dryRun ?? false,
          adopt: flags.adopt ?? false,
        };
        const exitOf = (r: SyncResult) => (r.failed.length > 0 ? 1 : 0);
        if (!flags.watch) return run(flags, (svc) => svc.sync(input), showSync, exitOf);
        const intervalMs = flags.interval;
        const svc = await orchestrator(flags);
        let stop = false;
        const onSignal = () => {
          stop = true;
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        let backoff = 1;
        while (!stop) {
          const at = new Date().toISOString();
          try {
            const r = await svc.sync(input);
            backoff = 1;
            process.stdout.write(
              `${at} ${r.head} ${r.artifact_id.slice(0, 19)} deployed ${r.deployed.length} failed ${r.failed.length} reported ${r.reported}\n`,
            );
          } catch (err) {
            const code = (err as { code?: string }).code ?? 'UNEXPECTED';
            if (code === 'REMOTE_UNAVAILABLE') backoff = Math.min(backoff * 2, 16);
            process.stdout.write(`${at} ${code} ${escapeControls((err as Error).message)}\n`);
          }
          const until = Date.now() + intervalMs * backoff;
          while (!stop && Date.now() < until) await sleep(Math.min(250, until - Date.now()));
        }
        await svc.close();
      },
    );

  withCommon(program.command('fleet'))
    .description('the machines that sync from a hub: last report, state, whether they hold the current head')
    .option('--remote <name>', 'ask this hub (with its saved token, which must be an admin token)')
    .addOption(
      lifetime('--stale-after <lifetime>', 'show machines silent for longer than this as stale').default(
        lifetimeMs('1h'),
        '1h',
      ),
    )
    .action((flags: CommonFlags & { remote?: string; staleAfter: number }) =>
      run(
        flags,
        async (svc) => {
          const staleAfter = { stale_after_seconds: Math.round(flags.staleAfter / 1000) };
          if (flags.remote) return svc.remoteFleet(flags.remote, staleAfter);
          return svc.fleet(staleAfter);
        },
        showFleet,
      ),
    );

  withCommon(program.command('audit'))
    .description('the audit trail of this store, newest first: who wrote what, when')
    .addOption(wholeNumber('-n, --limit <n>', 'how many entries', { min: 1 }).default(50))
    .action((flags: CommonFlags & { limit: number }) =>
      run(
        flags,
        async (svc) => ({ entries: await svc.listAudit({ limit: flags.limit }) }),
        (r) =>
          r.entries.length === 0
            ? 'The audit trail is empty.'
            : r.entries
                .map(
                  (e) =>
                    `${e.at} ${e.actor_name.padEnd(12)} ${e.action.padEnd(16)} ${e.target}${e.artifact_id ? ` ${e.artifact_id.slice(0, 19)}` : ''}`,
                )
                .join('\n'),
      ),
    );
}
