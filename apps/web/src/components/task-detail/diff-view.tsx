import { cn } from '@/lib/cn';
import { parseUnifiedDiff } from '@/lib/unified-diff';

const LINE: Record<string, string> = {
  add: 'bg-emerald-50 text-emerald-900',
  del: 'bg-red-50 text-red-900',
  hunk: 'bg-indigo-50 text-indigo-700',
  meta: 'text-slate-400',
  context: 'text-slate-700',
  file: '',
};

/** A unified diff, file by file, with line numbers and +/- colouring. */
export function DiffView({ diff }: { diff: string }) {
  const files = parseUnifiedDiff(diff);
  return (
    <div className="space-y-4" data-testid="diff-view">
      {files.map((file) => (
        <div key={file.path} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
          <div className="flex items-center justify-between border-b border-slate-200 bg-slate-50 px-3 py-2">
            <span className="font-mono text-sm font-medium text-slate-800" data-testid="diff-file">
              {file.path}
            </span>
            <span className="font-mono text-xs">
              <span className="text-emerald-700">+{file.additions}</span>{' '}
              <span className="text-red-700">−{file.deletions}</span>
            </span>
          </div>
          <div className="overflow-x-auto">
            <table className="w-full font-mono text-xs leading-5">
              <tbody>
                {file.lines
                  .filter((l) => l.kind !== 'meta' || !/^(index|\+\+\+|---)/.test(l.text))
                  .map((line, i) => (
                    <tr key={i} className={cn(LINE[line.kind])}>
                      <td className="w-10 border-r border-slate-100 px-2 text-right text-slate-400 select-none">
                        {line.oldNo ?? ''}
                      </td>
                      <td className="w-10 border-r border-slate-100 px-2 text-right text-slate-400 select-none">
                        {line.newNo ?? ''}
                      </td>
                      <td className="px-3 whitespace-pre">{line.text}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </div>
  );
}
