import { gzipSync } from 'node:zlib';

/** How much JSON a node puts in one push (its outbox's cut). */
const BATCH_BYTES = 1_048_576;

/** Messages (as JSON) cut into gzipped push bodies at BATCH_BYTES, numbered as a node's outbox numbers them. */
export function pushBatches(payloads: string[]): { body: Uint8Array; records: number }[] {
  const bodies: { body: Uint8Array; records: number }[] = [];
  let seq = 0;
  for (let i = 0; i < payloads.length;) {
    const changes: string[] = [];
    let bytes = 0;
    while (i < payloads.length && (changes.length === 0 || bytes + payloads[i]!.length <= BATCH_BYTES)) {
      bytes += payloads[i]!.length + 20;
      changes.push(`{"seq":${++seq},"message":${payloads[i++]}}`);
    }
    bodies.push({
      body: gzipSync(Buffer.from(`{"changes":[${changes.join(',')}],"backlog":${payloads.length - i}}`)),
      records: changes.length,
    });
  }
  return bodies;
}
