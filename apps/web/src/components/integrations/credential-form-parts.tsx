'use client';

import { useCatalog } from '@/components/shell/catalog-context';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
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

/**
 * Where the credential stands in its provider's pool: workers use the default first, then lower
 * positions; credentials of equal position share the calls by weight. Kept as text: the server
 * checks the range and names the field it refuses.
 */
export function PoolFields({
  idPrefix,
  position,
  weight,
  onPosition,
  onWeight,
}: {
  idPrefix: string;
  position: string;
  weight: string;
  onPosition: (value: string) => void;
  onWeight: (value: string) => void;
}) {
  return (
    <div className="grid grid-cols-2 gap-3">
      <Field
        label="Pool position"
        htmlFor={`${idPrefix}-position`}
        hint="0–1000. The default key is used first, then lower positions."
      >
        <Input
          id={`${idPrefix}-position`}
          type="number"
          inputMode="numeric"
          min={0}
          max={1000}
          step={1}
          required
          value={position}
          onChange={(e) => onPosition(e.target.value)}
        />
      </Field>
      <Field
        label="Weight"
        htmlFor={`${idPrefix}-weight`}
        hint="1–100. Keys of equal position share the calls by weight."
      >
        <Input
          id={`${idPrefix}-weight`}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          required
          value={weight}
          onChange={(e) => onWeight(e.target.value)}
        />
      </Field>
    </div>
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
