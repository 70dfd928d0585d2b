import type { ReactNode } from 'react';
import { Button } from 'antd-mobile';
import { FormError } from './FormError.js';

interface SubmitFooterProps {
  /** The form-level error (the server's message), shown above the button. */
  error: string | null;
  busy: boolean;
  label: ReactNode;
  color?: 'primary' | 'danger';
  testId?: string;
  /** Anything after the submit button (a link to another way in, say). */
  children?: ReactNode;
}

/** A student form's footer: its error, then one full-width rounded submit button. */
export function SubmitFooter({ error, busy, label, color = 'primary', testId, children }: SubmitFooterProps) {
  return (
    <>
      {error && <FormError message={error} />}
      <Button
        block
        type="submit"
        color={color}
        shape="rounded"
        size="large"
        loading={busy}
        data-testid={testId}
      >
        {label}
      </Button>
      {children}
    </>
  );
}
