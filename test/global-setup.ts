/**
 * Builds `dist/` once before the suite, so end-to-end tests run the real binary as users do.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
