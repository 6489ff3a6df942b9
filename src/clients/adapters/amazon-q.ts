/**
 * @module clients/adapters/amazon-q
 * Amazon Q Developer CLI and IDE plugins: `~/.aws/amazonq/mcp.json`, workspace
 * `.amazonq/mcp.json`; stdio servers.
 * Docs: https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-mcp-configuration.html
 */
import { defineAdapter, ENV_SYNTAX } from '../adapter.js';
import { standardShape } from '../entry-shapes.js';
import { inHome, inProject } from '../paths.js';

export const amazonQ = defineAdapter({
  id: 'amazon-q',
  name: 'Amazon Q Developer',
  docs: ['https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-mcp-configuration.html'],
  format: 'json',
  transports: ['stdio'],
  serversKey: ['mcpServers'],
  paths: {
    user: (ctx) => inHome(ctx, '.aws', 'amazonq', 'mcp.json'),
    project: (ctx) => inProject(ctx, '.amazonq', 'mcp.json'),
  },
  envReference: ENV_SYNTAX.none,
  ...standardShape(),
});
