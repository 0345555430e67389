// Public surface of @switchyard/fake-llm. See README.md.
export { type ConversationView, readConversation } from './conversation';
export { DEMO_FILE, demoCoderResponder } from './demo-coder';
export { thinkingSignature } from './render/anthropic';
export { exhaustedMessage, fakeScriptSchema, parseScriptFile } from './script';
export { startFakeLlm } from './server';
export { loadTranscript, type Transcript, TranscriptFileError } from './transcript';
export type {
  FakeErrorTurn,
  FakeFinish,
  FakeLlmServer,
  FakeProtocol,
  FakeReplyTurn,
  FakeResponder,
  FakeScript,
  FakeStreamErrorTurn,
  FakeToolCall,
  FakeTranscriptTurn,
  FakeTurn,
  FakeUsage,
  RecordedRequest,
  StartFakeLlmOptions,
} from './types';
