/**
 * @module store/postgres
 * The PostgreSQL backend of the Store: `new PostgresStore('postgresql://user:pw@host:5432/db')`.
 */
export { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { isPostgresUrl, type PostgresTarget, parsePostgresUrl, redactPassword } from './url.js';
