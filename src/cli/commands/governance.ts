/**
 * @module cli/commands/governance
 * `registry set`, `policy set|show|check|export`: the registry this machine reads and the policy it
 * enforces, and the policy written in each client's own managed-settings format.
 */
import type { Command } from 'commander';
import { writeFileAtomic } from '../../store/atomic.js';
import { readTextFile } from '../../store/user-files.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../workflows/policy-export.js';
import { type CommonFlags, run, type TargetFlags, target, withCommon, withTarget } from '../context.js';
import { oneOf } from '../flag-values.js';
import { colour } from '../output.js';

export function registerGovernance(program: Command): void {
  const registry = program.command('registry').description('the MCP registry this machine reads and serves');
  withCommon(registry.command('set [url]'))
    .description(
      'set the default registry of "servers search/import/outdated", and the namespace of user servers',
    )
    .option(
      '--namespace <ns>',
      'reverse-DNS namespace of user servers in the served Registry API, e.g. com.acme',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  mcp-orchestration registry set https://registry.modelcontextprotocol.io\n  mcp-orchestration registry set --namespace com.acme',
    )
    .action((url: string | undefined, flags: CommonFlags & { namespace?: string }) =>
      run(
        flags,
        (svc) =>
          svc.setRegistry({
            ...(url ? { url } : {}),
            ...(flags.namespace ? { namespace: flags.namespace } : {}),
          }),
        (r) => `registry:  ${r.url ?? '(none)'}\nnamespace: ${r.namespace ?? '(default)'}`,
      ),
    );

  const policy = program
    .command('policy')
    .description(
      'the policy enforced at validate, publish and sync (kept in the store: one for every hub replica)',
    );
  withCommon(policy.command('set <file>'))
    .description('set the policy from a YAML or JSON file')
    .action((file: string, flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.setPolicy({ text: readTextFile(file, 1024 * 1024), source: file }),
        (r) =>
          `Policy set: ${r.policy.allow?.length ?? 0} allow rule(s), ${r.policy.deny?.length ?? 0} deny rule(s).`,
      ),
    );
  withCommon(policy.command('clear'))
    .description('remove the policy')
    .action((flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.clearPolicy(),
        () => 'Policy removed.',
      ),
    );
  withCommon(policy.command('show'))
    .description('show the policy in force')
    .action((flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.showPolicy(),
        (r) => (r.policy ? JSON.stringify(r.policy, null, 2) : 'No policy is set.'),
      ),
    );
  withTarget(policy.command('check'))
    .description('check the drafts and published heads of a client (or one profile) against the policy')
    .action((flags: TargetFlags) =>
      run(
        flags,
        (svc) => svc.checkPolicy(target(flags)),
        (r) =>
          r.checked
            .map((c) =>
              [
                `${c.client_id}/${c.profile_id} ${c.kind}: ${c.errors.length === 0 ? colour.green('complies') : colour.red(`${c.errors.length} violation(s)`)}`,
                ...c.errors.map((e) => `  ${e.rule} ${e.path}: ${e.message}`),
              ].join('\n'),
            )
            .join('\n') || 'Nothing to check.',
        (r) => (r.valid ? 0 : 1),
      ),
    );
  withTarget(policy.command('export'))
    .description("write the policy (or the profile) in a client's own managed-settings format")
    .addOption(oneOf('--format <format>', EXPORT_FORMATS.join(' | '), EXPORT_FORMATS).makeOptionMandatory())
    .option('-o, --output <file>', 'write the file here instead of stdout')
    .option('--registry-url <url>', 'the hub URL for vscode-policy (default: "registry set URL")')
    .option('--print-path', 'print where the file goes on macOS, Windows and Linux')
    .action(
      (
        flags: TargetFlags & {
          format: ExportFormat;
          output?: string;
          registryUrl?: string;
          printPath?: boolean;
        },
      ) =>
        run(
          flags,
          async (svc) => {
            const out = await svc.exportPolicy({
              format: flags.format,
              ...target(flags),
              ...(flags.registryUrl ? { registry_url: flags.registryUrl } : {}),
            });
            if (flags.output) writeFileAtomic(flags.output, out.text);
            return out;
          },
          (r) =>
            flags.printPath
              ? `macOS:   ${r.paths.macos}\nWindows: ${r.paths.windows}\nLinux:   ${r.paths.linux}`
              : flags.output
                ? [`Wrote ${flags.output}.`, ...r.notes.map((n) => colour.dim(`note: ${n}`))].join('\n')
                : r.text.trimEnd(),
        ),
    );
}
