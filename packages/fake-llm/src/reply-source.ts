import { planFakeError, planTurn } from './plan-turn';
import type { PlannedResponse } from './planned-response';
import type { ReplyContext } from './render/reply-context';
import { exhaustedMessage, ScriptCursor } from './script';
import { loadTranscript, planTranscriptReplay, type Transcript } from './transcript';
import type { FakeResponder, FakeScript } from './types';

// Where replies come from. One source at a time: the last one set wins.
type Source =
  | { kind: 'none' }
  | { kind: 'script'; cursor: ScriptCursor }
  | { kind: 'transcript'; file: string; transcript: Transcript }
  | { kind: 'responder'; responder: FakeResponder };

export class ReplySource {
  private source: Source = { kind: 'none' };

  constructor(private readonly label: string | undefined) {}

  setScript(script: FakeScript): void {
    this.source = { kind: 'script', cursor: new ScriptCursor(script) };
  }

  setTranscript(file: string): void {
    this.source = { kind: 'transcript', file, transcript: loadTranscript(file) };
  }

  setResponder(responder: FakeResponder): void {
    this.source = { kind: 'responder', responder };
  }

  rewind(): void {
    if (this.source.kind === 'script') this.source.cursor.rewind();
  }

  async plan(ctx: ReplyContext): Promise<PlannedResponse> {
    const { protocol } = ctx.request;
    const source = this.source;
    switch (source.kind) {
      case 'script': {
        const next = source.cursor.next();
        if ('exhaustedAfter' in next)
          return planFakeError(protocol, 500, this.named(exhaustedMessage(next.exhaustedAfter)));
        return planTurn(next.turn, ctx);
      }
      case 'transcript':
        return planTranscriptReplay(source.transcript);
      case 'responder':
        return planTurn(await source.responder(ctx.request), ctx);
      case 'none':
        return planFakeError(
          protocol,
          500,
          this.named('fake-llm has no script, transcript or responder set'),
        );
    }
  }

  private named(message: string): string {
    return this.label ? `${message} (${this.label})` : message;
  }
}
