import type { ReactNode } from 'react';
import { Popup } from 'antd-mobile';

/**
 * A bottom sheet with a close button and a title (styles in sub-page.css: `.sheet-popup…`). Tapping the
 * mask or the close button calls `onClose`; `destroyOnClose` drops the content (and its form state).
 */
export function SheetPopup({
  open,
  onClose,
  title,
  titleTestId,
  destroyOnClose = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  titleTestId?: string;
  destroyOnClose?: boolean;
  children: ReactNode;
}) {
  return (
    <Popup
      visible={open}
      onMaskClick={onClose}
      onClose={onClose}
      bodyClassName="sheet-popup"
      showCloseButton
      destroyOnClose={destroyOnClose}
    >
      <div className="sheet-popup__title" data-testid={titleTestId}>
        {title}
      </div>
      {children}
    </Popup>
  );
}
