import { CheckCircleFill, CloseCircleFill, ExclamationCircleFill } from 'antd-mobile-icons';
import type { CheckView } from '@gradphoto/contracts/journey';
import { CheckCode } from '@gradphoto/photo/check-codes';
import { useLang } from '../../../lib/i18n.js';

/** The engine's order of checks (who is in it, pose, light, background, placement). */
const ORDER: string[] = Object.values(CheckCode);

type Verdict = 'fail' | 'warn' | 'pass';
const verdictOf = (c: CheckView): Verdict => (c.passed ? 'pass' : c.severity === 'reject' ? 'fail' : 'warn');
const RANK: Record<Verdict, number> = { fail: 0, warn: 1, pass: 2 };

/** Sorted for reading: problems first (must fix, then advice), then what passed, in the engine's order. */
export function sortChecks(checks: CheckView[]): CheckView[] {
  const pos = (code: string) => (ORDER.includes(code) ? ORDER.indexOf(code) : ORDER.length);
  return [...checks].sort((a, b) => RANK[verdictOf(a)] - RANK[verdictOf(b)] || pos(a.code) - pos(b.code));
}

/** Every check's verdict: a problem with the engine's bilingual advice, a passed check with its name. */
export function CheckList({ checks }: { checks: CheckView[] }) {
  const { t, pick } = useLang('photo');
  return (
    <ul className="checks" data-testid="checks">
      {sortChecks(checks).map((c) => {
        const v = verdictOf(c);
        return (
          <li key={c.code} className={`check check--${v}`} data-testid={`check-${c.code}`} data-verdict={v}>
            <span className="check__icon">
              {v === 'pass' ? (
                <CheckCircleFill />
              ) : v === 'warn' ? (
                <ExclamationCircleFill />
              ) : (
                <CloseCircleFill />
              )}
            </span>
            <span className="check__body">
              <span className="check__name">{t(`checkNames.${c.code}`, { defaultValue: c.code })}</span>
              {v !== 'pass' && <span className="check__message">{pick(c.message)}</span>}
            </span>
            <span className="check__verdict">{t(`verdict.${v}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}
