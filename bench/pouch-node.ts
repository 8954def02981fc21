import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';

/**
 * The alternative a team would pick for offline-first sync, run as its own process like each kiosk:
 *   serve <dir>                        a PouchDB server (express + express-pouchdb over LevelDB in <dir>),
 *                                      printing `POUCH_LISTENING port=<n>`;
 *   replicate <docs.json> <dir> <url> [budget-ms]
 *                                      loads the documents into a local LevelDB PouchDB in <dir> (not
 *                                      timed), then replicates it to <url> once (with a budget: again
 *                                      after each failure, as an app would, until done or the budget is
 *                                      spent) and prints `POUCH_REPLICATED {"ms":…,"docsWritten":…,"runs":…}`.
 * PouchDB ships no TypeScript types; the little used here is typed below.
 */

interface PouchDatabase {
  bulkDocs(docs: object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  replicate: {
    to(target: string, options?: object): Promise<{ ok: boolean; docs_written: number; docs_read: number }>;
  };
  close(): Promise<void>;
}
interface PouchStatic {
  new (name: string, options?: object): PouchDatabase;
  defaults(options: object): PouchStatic;
}

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as PouchStatic;

const [mode, ...args] = process.argv.slice(2);

if (mode === 'serve') {
  const dir = args[0]!;
  mkdirSync(dir, { recursive: true });
  const express = require('express') as () => {
    use(path: string, handler: unknown): void;
    listen(port: number, host: string, cb: () => void): Server;
  };
  const expressPouchDB = require('express-pouchdb') as (p: PouchStatic, options: object) => unknown;
  const app = express();
  // The CouchDB API PouchDB replication needs, nothing more (no admin UI, no config file on disk).
  app.use(
    '/',
    expressPouchDB(PouchDB.defaults({ prefix: `${dir}/` }), { mode: 'minimumForPouchDB', inMemoryConfig: true }),
  );
  const server = app.listen(0, '127.0.0.1', () => {
    console.log(`POUCH_LISTENING port=${(server.address() as { port: number }).port}`);
  });
} else if (mode === 'replicate') {
  const [docsFile, dir, target, budget] = args as [string, string, string, string | undefined];
  mkdirSync(dir, { recursive: true });
  const docs = JSON.parse(readFileSync(docsFile, 'utf8')) as object[];
  const local = new PouchDB(`${dir}/source`);
  for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000));
  const t0 = performance.now();
  // Default options, as an app would replicate: batches of 100 documents, 10 batches in flight.
  let runs = 0;
  let docsWritten = 0;
  let ok = false;
  do {
    runs++;
    try {
      const result = await local.replicate.to(target);
      docsWritten += result.docs_written;
      ok = result.ok;
    } catch {
      // A lost request ends this replication; its checkpoint keeps what got through.
    }
  } while (!ok && budget !== undefined && performance.now() - t0 < Number(budget));
  const ms = performance.now() - t0;
  await local.close();
  console.log(`POUCH_REPLICATED ${JSON.stringify({ ms, docsWritten, ok, runs })}`);
} else {
  console.error('usage: pouch-node.ts serve <dir> | replicate <docs.json> <dir> <url>');
  process.exit(2);
}
