import { ExclamationCircleFill } from 'antd-mobile-icons';

/** A form-level error (the server's message), quieter than a red bar. */
export function FormError({ message }: { message: string }) {
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      <ExclamationCircleFill />
      <span>{message}</span>
    </div>
  );
}
