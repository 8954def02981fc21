/** The tablet's IndexedDB database (Dexie's, web/src/db/db.ts). */
export const databaseName = 'hoctap-kiosk';

/**
 * Whether a villager's session is saved on this tablet, read straight from IndexedDB without
 * loading Dexie: the same record Dexie keeps (the `session` store's 'current' key), so there is no
 * second copy to keep in step. The welcome screen is drawn at once when there is none; when there
 * is one (or the answer is unknown: null), the app waits for the database and restores it, so
 * no one whose session is under way is ever shown the welcome screen first.
 *
 * A database that does not exist yet is not created here (its creation is aborted): Dexie creates
 * it with its own versions.
 */
export function sessionOnTablet(name = databaseName): Promise<boolean | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      resolve(null);
      return;
    }
    let created = false;
    request.onupgradeneeded = () => {
      // No such database: nothing saved. Aborting leaves no empty database behind.
      created = true;
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      event.preventDefault();
      resolve(created ? false : null);
    };
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const idb = request.result;
      // Never stand in the way of Dexie opening a newer version.
      idb.onversionchange = () => idb.close();
      try {
        if (!idb.objectStoreNames.contains('session')) {
          idb.close();
          resolve(false);
          return;
        }
        const tx = idb.transaction('session', 'readonly');
        const count = tx.objectStore('session').count('current');
        count.onsuccess = () => resolve(count.result > 0);
        count.onerror = () => resolve(null);
        tx.oncomplete = () => idb.close();
        tx.onabort = () => {
          idb.close();
          resolve(null);
        };
      } catch {
        idb.close();
        resolve(null);
      }
    };
  });
}
