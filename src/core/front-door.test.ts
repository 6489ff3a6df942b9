import { describe, expect, it } from 'vitest';
import { forMcp } from './front-door.js';

describe('forMcp', () => {
  it('names tool parameters instead of CLI flags', () => {
    expect(forMcp('Server "filesystem" needs "path". Add it with --param path=VALUE.')).toBe(
      'Server "filesystem" needs "path". Add it with params {"path": "VALUE"}.',
    );
    expect(forMcp('Set it with --env GITHUB_TOKEN=${env:GITHUB_TOKEN}.')).toBe(
      'Set it with env {"GITHUB_TOKEN": "${env:GITHUB_TOKEN}"}.',
    );
    expect(forMcp('Remove it first or pick another name with --name.')).toBe(
      'Remove it first or pick another name with `name`.',
    );
    expect(forMcp('Give either --clients or --all-found, not both.')).toBe(
      'Give either `clients` or `all_found`, not both.',
    );
    expect(forMcp('Run the command again with --adopt to replace it.')).toBe(
      'Call the tool again with `adopt` to replace it.',
    );
  });

  it('names the tool instead of a command line', () => {
    expect(forMcp('No signing key yet. Run "mcp-orchestration init" first.')).toBe(
      'No signing key yet. Call the initialize_keys tool first.',
    );
    expect(forMcp('To deploy it, run "mcp-orchestration deploy --client a --profile p --clients b".')).toBe(
      'To deploy it, call the deploy_config tool with client_id: "a", profile_id: "p", clients: "b".',
    );
    expect(forMcp('Add one with "mcp-orchestration draft add SERVER_ID".')).toBe(
      'Add one with the add_server_to_config tool.',
    );
    expect(forMcp('Use --to ID or --restore-backup.')).toBe('Use `to` ID or `restore_backup`.');
  });

  it('leaves messages without CLI words alone', () => {
    expect(forMcp('The config has 2 servers; "a-b" is fine -- really.')).toBe(
      'The config has 2 servers; "a-b" is fine -- really.',
    );
    expect(forMcp('Run "mcp-orchestration token create" on the hub.')).toBe(
      'Run "mcp-orchestration token create" on the hub.',
    );
  });
});
