import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** A bad or missing configuration value: names the file (or variable) and the key. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly key: string,
    problem: string,
  ) {
    super(`Configuration error in ${source}, key "${key}": ${problem}`);
    this.name = 'ConfigError';
  }
}

/** A configuration path as the operator reads it: relative to where the box was started. */
export function rel(path: string): string {
  return relative(process.cwd(), path) || path;
}

/** A configuration file's JSON; an unreadable file or bad JSON stops the start naming the file. */
export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(rel(path), '(file)', 'file not found or unreadable');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(rel(path), '(file)', `not valid JSON: ${(e as Error).message}`);
  }
}
