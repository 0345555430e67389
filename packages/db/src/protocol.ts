import { Protocol } from './generated/prisma/enums';

// Prisma enum members cannot contain '-', so the client spells the wire protocols with '_' while
// the database (via @map) and packages/providers use the real names. These two convert.
export type WireProtocol = 'anthropic-messages' | 'openai-chat';

export function protocolToDb(protocol: WireProtocol): Protocol {
  return protocol === 'anthropic-messages' ? Protocol.anthropic_messages : Protocol.openai_chat;
}

export function protocolFromDb(protocol: Protocol): WireProtocol {
  return protocol === Protocol.anthropic_messages ? 'anthropic-messages' : 'openai-chat';
}
