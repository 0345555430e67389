// Outputs are capped so one `cat` of a log file cannot fill the model's context window; the note
// tells the model that something was cut and how much.
export const DEFAULT_OUTPUT_CAP_BYTES = 30_000;

export function truncationNote(bytesMore: number): string {
  return `\n… [output truncated: ${bytesMore} bytes more]`;
}

/** Keeps the first `capBytes` bytes of `text` (never splitting a character) and says how much was cut. */
export function capOutput(text: string, capBytes: number, extraDroppedBytes = 0): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= capBytes && extraDroppedBytes === 0) return text;
  if (buffer.length <= capBytes) return text + truncationNote(extraDroppedBytes);
  let end = capBytes;
  // Step back over UTF-8 continuation bytes so the cut falls on a character boundary.
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--;
  const kept = buffer.subarray(0, end).toString('utf8');
  return kept + truncationNote(buffer.length - end + extraDroppedBytes);
}

/**
 * Collects a stream's output without holding more than `limitBytes` of it (a `yes` must not exhaust
 * the worker's memory); counts the rest so the truncation note stays exact.
 */
export class BoundedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  dropped = 0;

  constructor(private readonly limitBytes: number) {}

  push(chunk: Buffer): void {
    const room = this.limitBytes - this.kept;
    if (room <= 0) {
      this.dropped += chunk.length;
      return;
    }
    const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.chunks.push(part);
    this.kept += part.length;
    this.dropped += chunk.length - part.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
