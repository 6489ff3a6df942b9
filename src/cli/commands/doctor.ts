/**
 * @module cli/commands/doctor
 * `doctor`: checks this machine and the home folder; exit 1 when a check fails.
 */
import type { Command } from 'commander';
import type { DoctorReport } from '../../core/schemas/doctor.js';
import { type CommonFlags, run, withCommon } from '../context.js';
import { colour, plural } from '../output.js';

const PAINT = { ok: colour.green, warn: colour.yellow, fail: colour.red } as const;

/** One line per check, what to do under it, and a final line with the counts. */
export function showDoctor(r: DoctorReport): string {
  const lines: string[] = [];
  for (const c of r.checks) {
    lines.push(`${PAINT[c.status](c.status.padEnd(4))} ${c.check}: ${c.found}`);
    if (c.next) lines.push(`     ${colour.dim('next:')} ${c.next}`);
  }
  const { ok, warn, fail } = r.summary;
  lines.push(
    fail > 0
      ? colour.red(`${plural(fail, 'check')} failed, ${warn} warning(s), ${ok} ok.`)
      : `All checks passed${warn > 0 ? ` with ${plural(warn, 'warning')}` : ''} (${plural(ok, 'check')} ok).`,
  );
  return lines.join('\n');
}

export function registerDoctor(program: Command): void {
  withCommon(program.command('doctor'))
    .description(
      'check node, npx and uvx on the PATH, the client config files, the store, the keys and leftover temp or lock files',
    )
    .addHelpText(
      'after',
      '\nExits 1 when a check fails; warnings alone exit 0.\n\nExamples:\n  mcp-orchestration doctor\n  mcp-orchestration doctor --json | jq \'.checks[] | select(.status != "ok")\'',
    )
    .action((flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.doctor(),
        showDoctor,
        (r) => (r.ok ? 0 : 1),
      ),
    );
}
