/**
 * Real Chromium for the dashboard tests: Debian's `chromium` package driven by playwright-core
 * (which downloads no browser). A missing browser fails the tests with how to install it: the
 * dashboard is never left untested in silence.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep the browser from reaching the network on its own or touching a real profile. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a temporary profile folder (its `--user-data-dir`). */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The dashboard tests need Chromium at ${CHROMIUM_PATH} and it is missing: install Debian's package ("apt-get install -y chromium") or set CHROMIUM_PATH. .ci/run installs it.`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'mo-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    colorScheme: 'light',
  });
  // Fail a step in seconds, well inside the test's own timeout, so the error names the step.
  context.setDefaultTimeout(10_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
