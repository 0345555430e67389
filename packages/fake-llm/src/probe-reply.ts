import type { ConversationView } from './conversation';
import type { FakeTurn } from './types';

/**
 * "Test connection" offers one small tool, `get_time`, and checks the model calls it: every
 * scripted model answers that call, so the probe sees tool calling work.
 */
export function probeReply(view: ConversationView): FakeTurn | undefined {
  const probeTool = view.tools.find((tool) => tool.name === 'get_time');
  if (!probeTool || view.hasToolResult) return undefined;
  return { kind: 'reply', toolCalls: [{ name: probeTool.name, arguments: { timezone: 'UTC' } }] };
}

/** The offered tool's argument name for a file path, whatever the worker calls it. */
export function pathKeyOf(tool: { properties: string[] } | undefined): string {
  return (
    ['file_path', 'path', 'filePath', 'filename'].find((k) => tool?.properties.includes(k)) ?? 'file_path'
  );
}
