/** The browser's storage quota and persistence, behind a seam. */
export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

/** Asks the browser to keep this tablet's data even when space runs low (not evicted as cache). */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}

export async function storageInfo(): Promise<StorageInfo> {
  const estimate = (await navigator.storage?.estimate?.()) ?? {};
  const persisted = (await navigator.storage?.persisted?.()) ?? false;
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? Number.POSITIVE_INFINITY, persisted };
}

/** Whether `bytes` more still leave a safety margin below the quota (10 % and 20 MB). */
export function roomFor(info: StorageInfo, bytes: number): boolean {
  const margin = Math.max(info.quota * 0.1, 20 * 1024 * 1024);
  return info.usage + bytes + margin <= info.quota;
}
