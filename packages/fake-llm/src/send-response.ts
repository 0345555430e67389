import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { PlannedResponse } from './planned-response';

// The only code that writes to sockets. A client that went away (abort, timeout) simply ends
// the writing: that is an expected outcome in tests, not an error of the fake.

const gone = (res: ServerResponse): boolean => res.destroyed || res.writableEnded;

export async function sendResponse(res: ServerResponse, planned: PlannedResponse): Promise<void> {
  if (planned.type === 'body') {
    if (planned.delayMs) await sleep(planned.delayMs);
    if (gone(res)) return;
    res.writeHead(planned.status, planned.headers);
    res.end(planned.body);
    return;
  }
  const { delayMs, chunkDelayMs, splitEvery, cutAfterChunks, hang, stall } = planned.pacing;
  if (delayMs) await sleep(delayMs);
  if (gone(res)) return;
  res.writeHead(planned.status, planned.headers);
  res.flushHeaders();

  let events = planned.events;
  if (hang) events = events.slice(0, 1);
  if (cutAfterChunks !== undefined) events = events.slice(0, cutAfterChunks);
  const writes = splitEvery ? splitBytes(Buffer.from(events.join('')), splitEvery) : events;

  for (const [i, piece] of writes.entries()) {
    // Yield between writes so that split pieces leave as separate chunks, not one coalesced write.
    if (stall && i === stall.afterChunks) await sleep(stall.ms);
    else if (i > 0 && chunkDelayMs) await sleep(chunkDelayMs);
    else if (i > 0 && splitEvery) await nextTurn();
    if (gone(res)) return;
    await writeFlushed(res, piece);
  }
  if (hang) return; // left open: the client's abort or server.close() ends it
  if (cutAfterChunks !== undefined) {
    // No terminating chunk: the client sees the connection drop mid-body.
    res.socket?.destroy();
    return;
  }
  res.end();
}

/** Resolves once the piece is handed to the socket, so a following destroy() cannot drop it. */
function writeFlushed(res: ServerResponse, piece: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    res.write(piece, () => resolve());
  });
}

export function splitBytes(bytes: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}
