import { rmSync } from 'node:fs';
import { AppError } from '../../../shared/errors.ts';
import { mediaExtension, type ResourceFile, type ResourceInput } from '../../../shared/schemas/resource.ts';
import { FeedPageSchema } from '../../../shared/sync/protocol.ts';
import { hasMedia, mediaPath, storeMedia } from '../resources/resources.media.ts';
import { signed } from './federation.client.ts';
import type { FederationDeps } from './federation.deps.ts';
import { readState, writeState, type State } from '../sync/sync-state.repository.ts';
import { resourcesFromAbove } from './federation.repository.ts';
import { applyFeedItem } from './feed.apply.ts';
import { transportError } from './hub-certificate.ts';
import { tlsFor } from '../sync/pinned-fetch.ts';
import { signRequest } from '../sync/signing.ts';

/**
 * Reads the hub's downward feed after the center's cursor, page by page; each page is applied and
 * the cursor moved in one transaction, so a page is applied once however often it is fetched.
 * Answers how far the hub says it holds this center's own changes (a hub of this version).
 */
export async function pullFeed(deps: FederationDeps, s: State): Promise<{ pushed: number | undefined } | string> {
  for (;;) {
    const cursor = Number((await readState(deps.db)).feedCursor ?? 0);
    const page = await signed(
      deps,
      s,
      'POST',
      '/api/hub/feed',
      Buffer.from(JSON.stringify({ after: cursor, limit: 200 })),
      { 'content-type': 'application/json' },
      FeedPageSchema,
    );
    if (typeof page === 'string') return page;
    const at = deps.now().toISOString();
    await deps.db.transaction().execute(async (trx) => {
      let next = cursor;
      for (const item of page.items) {
        if (item.seq <= next) continue;
        await applyFeedItem(trx, item, at, deps.place, deps.villages);
        next = item.seq;
      }
      await writeState(trx, { feedCursor: String(next) });
    });
    if (page.items.some((i) => i.kind === 'criteria-sets')) await deps.criteria?.reload(deps.db);
    if (!page.more || page.items.length === 0) return { pushed: page.pushed };
  }
}

/**
 * The videos and documents of resources from above that this box does not hold yet, fetched by hash
 * from the hub (streamed to disk, checked against the hash the record names). A file the hub lacks
 * for now (its own copy is still on the way from the province) is tried again at the next run.
 */
export async function pullMedia(deps: FederationDeps, s: State): Promise<'done' | string> {
  const wanted = (await resourcesFromAbove(deps.db, deps.place))
    .map((payload) => (JSON.parse(payload) as ResourceInput).file)
    .filter((f): f is ResourceFile => f !== undefined && !hasMedia(deps.mediaDir, f));
  for (const file of wanted) {
    const path = `/api/hub/media/${file.sha256}.${mediaExtension[file.type]}`;
    let res: Response;
    try {
      res = await deps.fetch(
        `${s.hubUrl}${path}`,
        { method: 'POST', headers: signRequest(s.nodeId!, s.privateKey!, 'POST', path, new Uint8Array(0), deps.now()) },
        tlsFor(s.hubCa),
      );
    } catch (e) {
      return transportError(e);
    }
    if (res.status === 404) continue;
    if (!res.ok) return 'sync.unreachable';
    try {
      const stored = await storeMedia(deps.mediaDir, res.body, deps.maxMediaBytes);
      if (stored.sha256 !== file.sha256) {
        rmSync(mediaPath(deps.mediaDir, stored), { force: true });
        return 'evidence.hash-mismatch';
      }
    } catch (e) {
      if (e instanceof AppError) return e.code;
      return 'sync.unreachable';
    }
  }
  return 'done';
}
