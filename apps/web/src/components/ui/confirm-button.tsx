import type { ReactNode } from 'react';
import { Button } from './button';

/**
 * A small red action (delete, revoke, remove) that asks first: `question` is what the browser's
 * confirm dialog shows; `onConfirm` runs only on OK.
 */
export function ConfirmButton({
  question,
  onConfirm,
  pending = false,
  children,
}: {
  question: string;
  onConfirm: () => void;
  pending?: boolean;
  children: ReactNode;
}) {
  return (
    <Button
      variant="ghost"
      size="sm"
      className="text-red-700 hover:bg-red-50"
      disabled={pending}
      onClick={() => {
        if (window.confirm(question)) onConfirm();
      }}
    >
      {children}
    </Button>
  );
}
