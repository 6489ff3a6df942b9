/**
 * @module mcp/tools/doctor
 * `doctor`: the same checks as the CLI's `doctor`, read-only.
 */
import { DoctorInput, DoctorReportSchema } from '../../core/schemas/doctor.js';
import { defineTool, READ_ONLY, type ToolContext } from './define.js';

export function registerDoctorTools(ctx: ToolContext): void {
  defineTool(ctx, {
    name: 'doctor',
    title: 'Check this machine and the home folder',
    description:
      'Checks, each with status ok, warn or fail, what was found and what to do next: node, npx and uvx on the PATH the clients see ' +
      '(a missing uvx names the catalog servers that need it); every client config file found parses; every published artifact ' +
      'verifies against the trusted keys and each history head exists; the signing key is present, trusted and private (mode 0600); ' +
      'no leftover temp files or stale lock files. Use it when servers do not start or a command fails in a way that hints at the machine. ' +
      'It changes nothing.',
    input: DoctorInput,
    output: DoctorReportSchema,
    annotations: READ_ONLY,
    role: 'admin',
    run: (_input, svc) => svc.doctor(),
    summary: (r) =>
      [
        `${r.summary.fail} failed, ${r.summary.warn} warning(s), ${r.summary.ok} ok.`,
        ...r.checks
          .filter((c) => c.status !== 'ok')
          .map((c) => `${c.status} ${c.check}: ${c.found}${c.next ? ` Next: ${c.next}` : ''}`),
      ].join(' '),
  });
}
