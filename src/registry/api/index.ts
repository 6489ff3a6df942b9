/**
 * @module registry/api
 * The MCP Registry API v0.1: serving our catalog (catalog.ts, routes.ts) and reading any registry
 * (client.ts). See README.md in this folder.
 */
export * from './catalog.js';
export * from './client.js';
export * from './names.js';
export * from './routes.js';
export * from './schemas.js';
export * from './server-json.js';
