/**
 * @module cli/commands/keys
 * `init`, `keys show`, `keys export`, `keys trust add|list|remove`.
 */
import type { Command } from 'commander';
import { readTextFile } from '../../store/user-files.js';
import { type CommonFlags, run, withCommon } from '../context.js';
import { colour } from '../output.js';

export function registerKeys(program: Command): void {
  withCommon(program.command('init'))
    .description('create the home folder and the Ed25519 signing key pair (idempotent)')
    .option(
      '--regenerate',
      'rotate the key pair; the old key signs a rotation statement and stays trusted, so older artifacts still verify',
    )
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

  const keys = program
    .command('keys')
    .description('show or export the public signing key; manage trusted keys');
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

  const trust = keys.command('trust').description('the keys whose signatures verify on this machine');
  withCommon(trust.command('list'))
    .description("trusted keys: this home folder's own, added ones, and ones vouched for by a rotation")
    .action((flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.trustList(),
        (r) =>
          r.keys.length === 0
            ? 'No trusted keys. Run "mcp-orchestration init".'
            : r.keys
                .map(
                  (k) =>
                    `${k.key_id}  ${k.current ? colour.green('current') : k.source}${
                      k.vouched_by ? ` (rotation from ${k.vouched_by})` : ''
                    }${k.note ? ` ${colour.dim(k.note)}` : ''}  added ${k.added_at}`,
                )
                .join('\n'),
      ),
    );
  withCommon(trust.command('add'))
    .description('trust the Ed25519 public key in FILE (SPKI PEM, as "keys export" prints it)')
    .argument('<file>', 'PEM file')
    .addHelpText('after', '\nExamples:\n  mcp-orchestration keys trust add alice.pub')
    .action((file: string, flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.trustAdd(readTextFile(file), file),
        (r) => (r.added ? colour.green(`Trusted key ${r.key_id}.`) : `Key ${r.key_id} was already trusted.`),
      ),
    );
  withCommon(trust.command('remove'))
    .description('stop trusting a key: artifacts it signed no longer verify here')
    .argument('<key-id>', 'key id from "keys trust list"')
    .action((keyId: string, flags: CommonFlags) =>
      run(
        flags,
        (svc) => svc.trustRemove(keyId),
        (r) => `Removed key ${r.key_id} from the trust list.`,
      ),
    );
}
