/**
 * @module cli/commands/config
 * `validate`, `publish`, `profiles`, `history`, `get`, `verify`, `diff`, `export`.
 */
import type { Command } from 'commander';
import type { DiffResult } from '../../core/schemas/diff.js';
import type { ValidationResult } from '../../core/schemas/validation.js';
import { readJsonFile } from '../../store/user-files.js';
import { run, type TargetFlags, target, withTarget } from '../context.js';
import { oneOf, wholeNumber } from '../flag-values.js';
import { colour, plural } from '../output.js';

const EXPORT_FORMATS = ['json', 'yaml', 'toml'] as const;

export function showValidation(r: ValidationResult): string {
  const lines: string[] = [];
  for (const issue of r.errors)
    lines.push(`  ${colour.red(issue.code)} ${colour.dim(issue.path)} ${issue.message}`);
  // Warnings are labelled and come before the final line, so the last line is always the verdict.
  for (const issue of r.warnings)
    lines.push(`${colour.yellow('warning')} ${issue.code} ${colour.dim(issue.path)} ${issue.message}`);
  const warned = r.warnings.length > 0 ? `, ${plural(r.warnings.length, 'warning')}` : '';
  lines.push(
    r.valid
      ? colour.green(`Valid (${plural(r.server_count, 'server')}${warned}).`)
      : colour.red(`Invalid: ${r.errors.length} error(s)${warned}.`),
  );
  return lines.join('\n');
}

export function showDiff(d: DiffResult): string {
  const lines = [`${colour.bold(d.status)}: ${d.base} vs ${d.target}`];
  const sign = { added: colour.green('+'), removed: colour.red('-'), modified: colour.yellow('~') };
  for (const c of d.changes) {
    lines.push(`  ${sign[c.change]} ${c.server} (${c.change})`);
    for (const f of c.fields) {
      const detail = f.redacted
        ? '(secret value changed)'
        : `${JSON.stringify(f.before ?? null)} -> ${JSON.stringify(f.after ?? null)}`;
      lines.push(`      ${f.field}: ${f.change} ${colour.dim(detail)}`);
    }
  }
  lines.push(
    `  ${d.summary.added} added, ${d.summary.removed} removed, ${d.summary.modified} modified, ${d.summary.unchanged} unchanged`,
  );
  lines.push(d.recommendation);
  return lines.join('\n');
}

export function registerConfig(program: Command): void {
  withTarget(program.command('validate'))
    .description('validate the draft (or a payload file)')
    .option('-f, --file <path>', 'validate this payload file instead of the draft')
    .action((flags: TargetFlags & { file?: string }) =>
      run(
        flags,
        (svc) =>
          svc.validate({ ...target(flags), ...(flags.file ? { payload: readJsonFile(flags.file) } : {}) }),
        showValidation,
        (r) => (r.valid ? 0 : 1),
      ),
    );
  withTarget(program.command('publish'))
    .description('validate, sign and store the draft (or a payload file) as the new profile head')
    .requiredOption('-m, --changelog <text>', 'what changed and why')
    .option('-f, --file <path>', 'publish this payload file instead of the draft')
    .addHelpText('after', '\nExamples:\n  mcp-orchestration publish --changelog "add filesystem and memory"')
    .action((flags: TargetFlags & { changelog: string; file?: string }) =>
      run(
        flags,
        (svc) =>
          svc.publish({
            ...target(flags),
            changelog: flags.changelog,
            ...(flags.file ? { payload: readJsonFile(flags.file) } : {}),
          }),
        (r) =>
          [
            ...(r.keys_created
              ? [`Created a signing key (${r.keys_created}) in the home folder, as there was none.`]
              : []),
            colour.green(`Published ${r.artifact_id}`),
            `${r.client_id}/${r.profile_id}: ${plural(r.server_count, 'server')}, parent ${r.parent_artifact_id ?? 'none'}`,
            ...r.warnings.map((w) => `  ${colour.yellow(w.code)} ${w.message}`),
          ].join('\n'),
      ),
    );
  withTarget(program.command('profiles'))
    .description('profiles of a client, with their heads')
    .action((flags: TargetFlags) =>
      run(
        flags,
        (svc) => svc.listProfiles(flags.client),
        (r) =>
          r.profiles.length === 0
            ? `No profiles for ${r.client_id} yet.`
            : r.profiles
                .map(
                  (p) =>
                    `${p.profile_id.padEnd(16)} ${p.head ?? colour.dim('(unpublished)')} ${p.count} published${p.has_draft ? ', draft' : ''}`,
                )
                .join('\n'),
      ),
    );
  withTarget(program.command('history'))
    .description("a profile's publish history, newest first")
    .addOption(wholeNumber('-n, --limit <n>', 'entries per page', { min: 1, max: 1000 }).default(20))
    .addOption(wholeNumber('--offset <n>', 'skip this many newest entries').default(0))
    .action((flags: TargetFlags & { limit: number; offset: number }) =>
      run(
        flags,
        (svc) =>
          svc.history({
            ...target(flags),
            limit: flags.limit,
            offset: flags.offset,
          }),
        (r) =>
          [
            `${r.client_id}/${r.profile_id}: ${r.total} published`,
            ...r.entries.map(
              (e) => `${e.artifact_id}  ${e.created_at}  ${plural(e.server_count, 'server')}  ${e.changelog}`,
            ),
          ].join('\n'),
      ),
    );
  withTarget(program.command('get'))
    .description('the profile head, or an artifact by id or unique prefix, verified')
    .option('-a, --artifact <id>', 'artifact id or prefix (>= 8 hex)')
    .option('--no-verify', 'print it as stored, without checking its id, profile and signature')
    .action((flags: TargetFlags & { artifact?: string; verify: boolean }) =>
      run(
        flags,
        (svc) => svc.get({ ...target(flags), artifact_id: flags.artifact, verify: flags.verify }),
        (a) => JSON.stringify(a, null, 2),
      ),
    );
  withTarget(program.command('verify [id]'))
    .description("check an artifact's content id and signature")
    .option('-f, --file <path>', 'verify an artifact file')
    .action((id: string | undefined, flags: TargetFlags & { file?: string }) =>
      run(
        flags,
        (svc) =>
          svc.verify({
            ...target(flags),
            artifact_id: id,
            ...(flags.file ? { artifact: readJsonFile(flags.file) } : {}),
          }),
        (r) =>
          colour.green(
            `Verified ${r.artifact_id}: content id and Ed25519 signature (key ${r.key_id}) are good.`,
          ),
      ),
    );
  withTarget(program.command('diff'))
    .description('field-level changes between the head and another config')
    .option('-f, --file <path>', 'a payload file')
    .option('-a, --artifact <id>', 'another artifact of the profile')
    .option('--deployed', "the client's config file as it is now")
    .option('--path <path>', 'with --deployed: the config file to read')
    .option('--exit-code', 'exit 1 unless up to date')
    .option('--no-verify', 'compare artifacts as stored, without checking their signatures')
    .action(
      (
        flags: TargetFlags & {
          file?: string;
          artifact?: string;
          deployed?: boolean;
          path?: string;
          exitCode?: boolean;
          verify: boolean;
        },
      ) =>
        run(
          flags,
          (svc) =>
            svc.diff({
              ...target(flags),
              ...(flags.file ? { payload: readJsonFile(flags.file) } : {}),
              artifact_id: flags.artifact,
              deployed: flags.deployed ?? false,
              path: flags.path,
              verify: flags.verify,
            }),
          showDiff,
          (r) => (flags.exitCode && r.status !== 'up-to-date' ? 1 : 0),
        ),
    );
  withTarget(program.command('export'))
    .description('the head payload as JSON, YAML or TOML')
    .addOption(oneOf('--format <f>', 'json, yaml or toml', EXPORT_FORMATS).default('json'))
    .option('--native', "in the client's own shape")
    .option('-a, --artifact <id>', 'an artifact other than the head')
    .option('--no-verify', 'export it as stored, without checking its id, profile and signature')
    .action(
      (
        flags: TargetFlags & {
          format: (typeof EXPORT_FORMATS)[number];
          native?: boolean;
          artifact?: string;
          verify: boolean;
        },
      ) =>
        run(
          flags,
          (svc) =>
            svc.export({
              ...target(flags),
              format: flags.format,
              native: flags.native ?? false,
              artifact_id: flags.artifact,
              verify: flags.verify,
            }),
          (r) => r.content,
        ),
    );
}
