// The scripted "model" of the machines bench: the greeter (packages/fake-llm) for every step but
// two. The planner answers with SUBTASKS subtasks, and the coder of subtask k writes `part-k.md`,
// so that every coding phase commits (and lands a bundle, and delivers the branch) and a task's
// phases can land on different machines: what the branch store has to carry between them.
import { type FakeResponder, greeterResponder, readConversation } from '@switchyard/fake-llm';

/** What the check command lists: the files the subtasks wrote. */
export const partFile = (subtaskId: string) => `part-${subtaskId}.md`;

export function machinesResponder(subtasks: number): FakeResponder {
  const plan = {
    subtasks: Array.from({ length: subtasks }, (_, i) => ({
      id: String(i + 1),
      title: `Write ${partFile(String(i + 1))}`,
      description: `Create ${partFile(String(i + 1))} at the repository root with one line about the task.`,
      acceptance: [`${partFile(String(i + 1))} exists`],
    })),
  };
  return (request) => {
    const view = readConversation(request);
    if (view.system.includes('You plan the implementation'))
      return { kind: 'reply', text: JSON.stringify(plan) };
    const write = view.tools.find((tool) => tool.name.toLowerCase() === 'write');
    const subtask = /# Your subtask: (\S+)\./.exec(view.lastUserText)?.[1];
    const coding = view.system.includes('You implement one subtask') && write && subtask;
    if (coding && view.hasToolResult) return { kind: 'reply', text: `Done: wrote ${partFile(subtask)}.` };
    if (coding && !view.hasToolResult) {
      const pathKey = ['file_path', 'path', 'filePath'].find((k) => write.properties.includes(k)) ?? 'path';
      const contentKey =
        ['content', 'contents', 'text'].find((k) => write.properties.includes(k)) ?? 'content';
      return {
        kind: 'reply',
        text: `Writing ${partFile(subtask)}.`,
        toolCalls: [
          {
            name: write.name,
            arguments: {
              [pathKey]: partFile(subtask),
              [contentKey]: `# Part ${subtask}\n\n${view.lastUserText.split('\n')[1] ?? ''}\n`,
            },
          },
        ],
      };
    }
    return greeterResponder(request);
  };
}
