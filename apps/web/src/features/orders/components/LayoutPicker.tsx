import { useLang } from '../../../lib/i18n.js';
import { SheetPreview } from './SheetPreview.js';
import type { PrintLayout } from './sheet-geometry.js';

interface Props {
  value: PrintLayout;
  onChange: (layout: PrintLayout) => void;
  photoUrl?: string | null;
}

/** 版式一 / 版式二, each with a drawing of its sheet. */
export function LayoutPicker({ value, onChange, photoUrl }: Props) {
  const { t } = useLang('orders');
  return (
    <div className="layout-picker" role="radiogroup" aria-label={t('layout.title')}>
      {([1, 2] as const).map((layout) => (
        <button
          key={layout}
          type="button"
          role="radio"
          aria-checked={value === layout}
          className="layout-option"
          onClick={() => onChange(layout)}
          data-testid={`layout-${layout}`}
        >
          <SheetPreview layout={layout} photoUrl={photoUrl} label={t(`layout.name${layout}`)} />
          <span className="layout-option__name">{t(`layout.name${layout}`)}</span>
          <span className="layout-option__desc">{t(`layout.desc${layout}`)}</span>
        </button>
      ))}
    </div>
  );
}
