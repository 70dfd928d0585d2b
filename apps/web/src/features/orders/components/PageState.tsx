import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';

/** Loading / failed placeholders for the order pages. */
export function PageLoading() {
  return (
    <div className="page-state">
      <SpinLoading color="primary" />
    </div>
  );
}

export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, errorText } = useLang('orders');
  return (
    <div className="page-state">
      <ErrorBlock status="default" title={t('errors.loadTitle')} description={errorText(error)}>
        {onRetry && (
          <Button color="primary" shape="rounded" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </ErrorBlock>
    </div>
  );
}
