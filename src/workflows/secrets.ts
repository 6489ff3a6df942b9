/**
 * @module workflows/secrets
 * What counts as a secret, in one place: validation warns about literal secrets and diff redacts them.
 */

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PAT|COOKIE|SESSION)/i;
const ENV_REFERENCE = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;

/** True for env var or header names that usually hold secrets (`GITHUB_TOKEN`, `Authorization`). */
export function looksSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** True when a value holds an `${env:NAME}` reference instead of a literal. */
export function holdsReference(value: string): boolean {
  return value.includes('${env:') || ENV_REFERENCE.test(value);
}

/** A literal secret that should be a reference instead. */
export function isPlaintextSecret(name: string, value: string): boolean {
  return (
    looksSecretName(name) && value.trim() !== '' && !holdsReference(value) && !/^\$\{?[A-Z_]+\}?$/.test(value)
  );
}
