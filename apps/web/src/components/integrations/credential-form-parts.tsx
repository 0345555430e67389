'use client';

import { useCatalog } from '@/components/shell/catalog-context';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/input';
import { Field } from '@/components/ui/label';
import { Alert } from '@/components/ui/states';

/** The wire protocol select, shared by the add and edit dialogs. */
export function ProtocolField({
  id,
  value,
  onChange,
  hint,
}: {
  id: string;
  value: string;
  onChange: (protocol: string) => void;
  hint?: string;
}) {
  const catalog = useCatalog();
  return (
    <Field label="Protocol" htmlFor={id} hint={hint}>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {catalog.protocols.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </NativeSelect>
    </Field>
  );
}

/** The server's refusal (field issues when it has them), then Cancel and the submit button. */
export function CredentialFormFooter({
  error,
  issues,
  pending,
  submitLabel,
  onCancel,
}: {
  error: { message: string } | null;
  issues: string[];
  pending: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {error && (
        <Alert tone="error">
          {issues.length > 0 ? issues.map((i) => <p key={i}>{i}</p>) : error.message}
        </Alert>
      )}
      <div className="flex justify-end gap-2 pt-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </>
  );
}
