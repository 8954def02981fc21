import type * as TabletDbModule from './db.ts';

let loading: Promise<typeof TabletDbModule> | null = null;
let loaded: TabletDbModule.TabletDb | null = null;

/**
 * The tablet's database module (Dexie and the session record's schemas), loaded on first use and
 * once: Dexie alone is about a third of the villager's code, kept out of the first screen's
 * download. The flow starts loading it as the app starts (SessionCore.start), beside its first
 * question to the box.
 */
export function tabletDbModule(): Promise<typeof TabletDbModule> {
  loading ??= import('./db.ts').then((m) => {
    loaded = m.db;
    return m;
  });
  return loading;
}

/** The tablet's database: feature code awaits this one instance before it reads, writes or opens a transaction. */
export async function tabletDb(): Promise<TabletDbModule.TabletDb> {
  return (await tabletDbModule()).db;
}

/**
 * The database already loaded, for work that runs inside a transaction (which must not wait on
 * anything but the database itself): whoever opened the transaction awaited tabletDb() first.
 */
export function openedDb(): TabletDbModule.TabletDb {
  if (!loaded) throw new Error('the tablet database is used inside a transaction before it was loaded');
  return loaded;
}
