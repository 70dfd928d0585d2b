import type { ReactNode } from 'react';

interface Props {
  checked: boolean;
  onSelect: () => void;
  title: ReactNode;
  desc?: ReactNode;
  price?: ReactNode;
  testId?: string;
}

/** A big radio row (whole card is the touch target). */
export function ChoiceCard({ checked, onSelect, title, desc, price, testId }: Props) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={checked}
      className="choice-card"
      onClick={onSelect}
      data-testid={testId}
    >
      <span className="choice-card__radio" aria-hidden="true" />
      <span className="choice-card__body">
        <span className="choice-card__title">{title}</span>
        {desc && <span className="choice-card__desc">{desc}</span>}
      </span>
      {price !== undefined && <span className="choice-card__price">{price}</span>}
    </button>
  );
}
