/** Head-and-shoulders outline over the 3:4 viewfinder (viewBox 300×400); see GUIDE_HEAD in camera-hints. */
const HEAD = { cx: 150, cy: 140, rx: 58, ry: 76 };
const BODY =
  'M124 212 C124 232 118 242 98 250 C58 264 30 288 22 334 L14 400 L286 400 L278 334 C270 288 242 264 202 250 C182 242 176 232 176 212 Z';

export function GuideOverlay({ tone }: { tone: 'ok' | 'warn' | 'idle' }) {
  const stroke = tone === 'ok' ? '#4ade80' : tone === 'warn' ? '#fbbf24' : 'rgba(255,255,255,0.9)';
  return (
    <svg className="guide" viewBox="0 0 300 400" preserveAspectRatio="xMidYMid slice" aria-hidden="true" data-testid="guide-overlay">
      <defs>
        <mask id="guide-cut">
          <rect width="300" height="400" fill="#fff" />
          <ellipse {...HEAD} fill="#000" />
          <path d={BODY} fill="#000" />
        </mask>
      </defs>
      <rect width="300" height="400" fill="rgba(5,10,20,0.42)" mask="url(#guide-cut)" />
      <ellipse {...HEAD} fill="none" stroke={stroke} strokeWidth="2.5" strokeDasharray="7 5" />
      <path d={BODY} fill="none" stroke={stroke} strokeWidth="2.5" strokeDasharray="7 5" />
      <line x1="112" y1="138" x2="188" y2="138" stroke={stroke} strokeWidth="1" strokeOpacity="0.55" strokeDasharray="3 4" />
    </svg>
  );
}
