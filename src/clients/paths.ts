/**
 * @module clients/paths
 * Where clients keep their files, resolved only from a {@link PathContext} (never from the real
 * process), so tests can point every adapter at a fake home on a fake platform.
 */
import os from 'node:os';
import path from 'node:path';

export type Platform = 'darwin' | 'win32' | 'linux';
export type Scope = 'user' | 'project';

/** Everything path resolution may look at. */
export interface PathContext {
  platform: Platform;
  env: Record<string, string | undefined>;
  /** The user's home: `HOME` on macOS/Linux, `USERPROFILE` on Windows. */
  homedir: string;
  /** The project folder for project-scoped files. */
  cwd: string;
}

/** The context of the running process. */
export function processPathContext(): PathContext {
  const platform: Platform =
    process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
  return { platform, env: { ...process.env }, homedir: os.homedir(), cwd: process.cwd() };
}

/** `path.win32` on Windows, `path.posix` elsewhere, whatever the machine running the code. */
export function pathApi(ctx: PathContext): path.PlatformPath {
  return ctx.platform === 'win32' ? path.win32 : path.posix;
}

/** A non-empty, absolute value of an environment variable, else undefined. */
export function envDir(ctx: PathContext, name: string): string | undefined {
  const value = ctx.env[name];
  return value && pathApi(ctx).isAbsolute(value) ? value : undefined;
}

export function inHome(ctx: PathContext, ...segments: string[]): string {
  return pathApi(ctx).join(ctx.homedir, ...segments);
}

export function inProject(ctx: PathContext, ...segments: string[]): string {
  return pathApi(ctx).join(ctx.cwd, ...segments);
}

/** `%APPDATA%` (Windows roaming profile). */
export function appDataDir(ctx: PathContext): string {
  return envDir(ctx, 'APPDATA') ?? inHome(ctx, 'AppData', 'Roaming');
}

/** `%LOCALAPPDATA%` (Windows local profile). */
export function localAppDataDir(ctx: PathContext): string {
  return envDir(ctx, 'LOCALAPPDATA') ?? inHome(ctx, 'AppData', 'Local');
}

/** `$XDG_CONFIG_HOME`, else `~/.config` (the XDG spec ignores relative values). */
export function xdgConfigDir(ctx: PathContext): string {
  return envDir(ctx, 'XDG_CONFIG_HOME') ?? inHome(ctx, '.config');
}

/**
 * The per-user application data folder of desktop apps (Electron's `appData`):
 * `~/Library/Application Support` on macOS, `%APPDATA%` on Windows, `$XDG_CONFIG_HOME` on Linux.
 */
export function appConfigDir(ctx: PathContext): string {
  if (ctx.platform === 'darwin') return inHome(ctx, 'Library', 'Application Support');
  if (ctx.platform === 'win32') return appDataDir(ctx);
  return xdgConfigDir(ctx);
}

/** CLI tools that follow XDG on macOS and Linux and use `%APPDATA%` on Windows. */
export function cliConfigDir(ctx: PathContext): string {
  return ctx.platform === 'win32' ? appDataDir(ctx) : xdgConfigDir(ctx);
}

/** The VS Code user folder (`.../Code/User`), where VS Code and its extensions keep settings. */
export function vscodeUserDir(ctx: PathContext): string {
  return pathApi(ctx).join(appConfigDir(ctx), 'Code', 'User');
}

/** A VS Code extension's settings folder under `globalStorage`. */
export function vscodeExtensionSettings(ctx: PathContext, extensionId: string, file: string): string {
  return pathApi(ctx).join(vscodeUserDir(ctx), 'globalStorage', extensionId, 'settings', file);
}
