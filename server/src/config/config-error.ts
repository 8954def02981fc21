/** A bad or missing configuration value: names the file (or variable) and the key. */
export class ConfigError extends Error {
  constructor(readonly source: string, readonly key: string, problem: string) {
    super(`Configuration error in ${source}, key "${key}": ${problem}`);
    this.name = 'ConfigError';
  }
}
