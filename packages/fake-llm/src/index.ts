// Public surface of @switchyard/fake-llm. See README.md.
export { type ConversationView, readConversation } from './conversation';
export { demoCoderResponder } from './demo/coder';
export { demoPlannerResponder } from './demo/planner';
export { DEMO_BUG, DEMO_CHECK_COMMAND, DEMO_REPOSITORY_FILES } from './demo/shop-repository';
export { GREETER_FILE, greeterResponder } from './greeter';
export { thinkingSignature } from './render/anthropic';
export { exhaustedMessage, fakeScriptSchema, parseScriptFile } from './script';
export { type FakeSearxngResult, type FakeSearxngServer, startFakeSearxng } from './searxng';
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
