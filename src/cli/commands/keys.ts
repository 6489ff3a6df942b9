/**
 * @module cli/commands/keys
 * `init`, `keys show`, `keys export`.
 */
import type { Command } from 'commander';
import { type CommonFlags, run, withCommon } from '../context.js';
import { colour } from '../output.js';

export function registerKeys(program: Command): void {
  withCommon(program.command('init'))
    .description('create the home folder and the Ed25519 signing key pair (idempotent)')
    .option('--regenerate', 'rotate the key pair; old public keys are kept so older artifacts still verify')
    .addHelpText('after', '\nExamples:\n  mcp-orchestration init\n  mcp-orchestration init --regenerate')
    .action((flags: CommonFlags & { regenerate?: boolean }) =>
      run(
        flags,
        (svc) => svc.init({ regenerate: flags.regenerate ?? false }),
        (r) =>
          [
            r.rotated
              ? colour.green('Rotated the signing key.')
              : r.created
                ? colour.green('Initialized.')
                : 'Already initialized.',
            `home:        ${r.home}`,
            `key id:      ${r.key_id}`,
            `private key: ${r.private_key_path}`,
            `public key:  ${r.public_key_path}`,
            ...(r.retired_key_ids.length ? [`retired:     ${r.retired_key_ids.join(', ')}`] : []),
          ].join('\n'),
      ),
    );

  const keys = program.command('keys').description('show or export the public signing key');
  withCommon(keys.command('show'))
    .description('key id and public key')
    .action((flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.keysShow(),
        (r) => `key id: ${r.key_id}\npath:   ${r.public_key_path}\n\n${r.public_key_pem}`,
      ),
    );
  withCommon(keys.command('export'))
    .description('print the public key PEM (verify artifacts anywhere with it)')
    .action((flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.keysShow(),
        (r) => r.public_key_pem,
      ),
    );
}
