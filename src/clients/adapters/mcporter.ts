/**
 * @module clients/adapters/mcporter
 * MCPorter: `~/.mcporter/mcporter.json` (or `.jsonc`), project `config/mcporter.json`; Cursor-style
 * entries; `${VAR}` is expanded in values.
 * Docs: https://github.com/steipete/mcporter
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome, inProject } from '../paths.js';

export const mcporter = defineAdapter({
  id: 'mcporter',
  name: 'MCPorter',
  docs: ['https://github.com/steipete/mcporter'],
  format: 'jsonc',
  transports: ['stdio', 'http'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => inHome(ctx, '.mcporter', 'mcporter.json'),
    project: (ctx) => inProject(ctx, 'config', 'mcporter.json'),
  },
  candidatePaths: (ctx) => [
    inHome(ctx, '.mcporter', 'mcporter.jsonc'),
    inHome(ctx, '.mcporter', 'mcporter.json'),
  ],
  envReference: ENV_SYNTAX.shell,
  ...standardShape(),
});
