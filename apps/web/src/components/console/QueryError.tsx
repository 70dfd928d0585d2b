import { Button, Result } from 'antd';
import { isApiError } from '../../lib/api-client.js';
import { useLang } from '../../lib/i18n.js';

/** A failed page load: 403/404 as such, anything else as an error; the server's message below, retry when it may help. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, errorText } = useLang();
  const status = isApiError(error) ? error.status : 0;
  const kind = status === 403 ? '403' : status === 404 ? '404' : 'error';
  const title =
    kind === '403'
      ? t('console.forbidden.title')
      : kind === '404'
        ? t('console.notFound')
        : t('errors.loadTitle');
  return (
    <Result
      status={kind}
      title={<span data-testid="query-error">{title}</span>}
      subTitle={errorText(error)}
      extra={kind === 'error' && onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
