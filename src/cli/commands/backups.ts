/**
 * @module cli/commands/backups
 * `backups prune`: removes copies of client files taken before each write. Every new backup
 * already leaves only the newest 20 of its file; this removes more, by number or age.
 */
import type { Command } from 'commander';
import type { PruneBackupsResult } from '../../core/schemas/deploy.js';
import { type CommonFlags, run, withCommon } from '../context.js';
import { lifetime, wholeNumber } from '../flag-values.js';
import { colour, plural } from '../output.js';

/** One line per backup removed (or that would be), then the count. */
export function showPruned(r: PruneBackupsResult): string {
  const lines = r.removed.map((b) => `${b.client_id}  ${b.created_at}  ${b.backup_id}  ${b.config_path}`);
  const count = plural(r.removed.length, 'backup');
  lines.push(r.dry_run ? colour.yellow(`Dry run: ${count} would be removed.`) : `Removed ${count}.`);
  return lines.join('\n');
}

export function registerBackups(program: Command): void {
  const backups = program
    .command('backups')
    .description('the copies of client files taken before each write (they can hold resolved secrets)');

  withCommon(backups.command('prune'))
    .description('remove backups beyond the newest N of each client file, or older than an age')
    .addOption(wholeNumber('--keep <n>', 'keep the newest N backups of each client file (default 20)'))
    .addOption(lifetime('--older-than <lifetime>', 'remove backups older than this, such as 30d or 2w'))
    .option('-c, --client <id>', 'only the backups of this client')
    .option('--dry-run', 'list what would be removed and remove nothing')
    .addHelpText(
      'after',
      '\nEvery new backup already leaves the newest 20 of its file; with --older-than alone, no count applies.\n\nExamples:\n  mcp-orchestration backups prune --keep 5 --dry-run\n  mcp-orchestration backups prune --older-than 30d\n  mcp-orchestration backups prune --client cursor --keep 0 --json',
    )
    .action((flags: CommonFlags & { keep?: number; olderThan?: number; client?: string; dryRun?: boolean }) =>
      run(
        flags,
        (svc) =>
          svc.pruneBackups({
            ...(flags.keep === undefined ? {} : { keep: flags.keep }),
            ...(flags.olderThan === undefined ? {} : { older_than_ms: flags.olderThan }),
            ...(flags.client === undefined ? {} : { client_id: flags.client }),
            dry_run: flags.dryRun ?? false,
          }),
        showPruned,
      ),
    );
}
