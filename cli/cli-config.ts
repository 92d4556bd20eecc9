import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from './cli-errors.js';

export const DEFAULT_PLATFORM_URL = 'http://localhost:8080';

/** Where the CLI finds the platform and how it proves it may use it. */
export interface CliConfig {
  /** The platform's base URL, without a trailing slash. */
  url: string;
  /** Sent as `Authorization: Bearer` when set (the platform's PACTSAFS_ADMIN_TOKEN). */
  adminToken: string | undefined;
  /** The config file consulted (it need not exist); named in messages about the token. */
  configFile: string;
}

interface ConfigFile {
  url?: string;
  adminToken?: string;
}

/**
 * The CLI's settings: `--url`, else PACTSAFS_URL, else the config file, else the default; the token
 * from PACTSAFS_ADMIN_TOKEN, else the config file. The only place the CLI reads its environment.
 */
export async function readCliConfig(urlFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<CliConfig> {
  const configFile = env.PACTSAFS_CONFIG || path.join(os.homedir(), '.config', 'pactsafs', 'config.json');
  const file = await readConfigFile(configFile);
  const url = urlFlag || env.PACTSAFS_URL || file.url || DEFAULT_PLATFORM_URL;
  return { url: normaliseUrl(url), adminToken: env.PACTSAFS_ADMIN_TOKEN || file.adminToken || undefined, configFile };
}

async function readConfigFile(file: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`Cannot read the config file ${file}: ${(error as Error).message}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The config file ${file} is not valid JSON (${(error as Error).message}); it holds {"url": "...", "adminToken": "..."}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`The config file ${file} must hold a JSON object: {"url": "...", "adminToken": "..."}.`);
  }
  const { url, adminToken } = parsed as Record<string, unknown>;
  if ((url !== undefined && typeof url !== 'string') || (adminToken !== undefined && typeof adminToken !== 'string')) {
    throw new UsageError(`In the config file ${file}, "url" and "adminToken" must be strings.`);
  }
  return { url, adminToken };
}

function normaliseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL; give the platform's address, for example ${DEFAULT_PLATFORM_URL}.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`The platform URL must start with http:// or https://, got "${url}".`);
  }
  return parsed.href.replace(/\/+$/, '');
}
