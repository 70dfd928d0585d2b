/** Head-and-shoulders outline over the 3:4 viewfinder (viewBox 300×400); see GUIDE_HEAD in camera-hints. */
const HEAD = { cx: 150, cy: 140, rx: 58, ry: 76 };
const HEAD_PATH = 'M92 140a58 76 0 1 0 116 0a58 76 0 1 0 -116 0Z';
/** The body's area: its top follows just under the chin so it never overlaps the head. */
const BODY_AREA =
  'M124 209 Q150 226 176 209 C176 232 182 242 202 250 C242 264 270 288 278 334 L286 400 L14 400 L22 334 C30 288 58 264 98 250 C118 242 124 232 124 209 Z';
const SHOULDERS =
  'M124 212 C124 232 118 242 98 250 C58 264 30 288 22 334 L14 400 M176 212 C176 232 182 242 202 250 C242 264 270 288 278 334 L286 400';

/**
 * The dim outside the person is one even-odd path (an SVG <mask> is not applied over a playing <video>
 * in Chromium).
 */
export function GuideOverlay({ tone }: { tone: 'ok' | 'warn' | 'idle' }) {
  const stroke = tone === 'ok' ? '#4ade80' : tone === 'warn' ? '#fbbf24' : 'rgba(255,255,255,0.9)';
  return (
    <svg
      className="guide"
      viewBox="0 0 300 400"
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
      data-testid="guide-overlay"
    >
      <path d={`M0 0H300V400H0Z ${HEAD_PATH} ${BODY_AREA}`} fill="rgba(5,10,20,0.45)" fillRule="evenodd" />
      <ellipse {...HEAD} fill="none" stroke={stroke} strokeWidth="2.5" strokeDasharray="7 5" />
      <path d={SHOULDERS} fill="none" stroke={stroke} strokeWidth="2.5" strokeDasharray="7 5" />
      <line
        x1="112"
        y1="138"
        x2="188"
        y2="138"
        stroke={stroke}
        strokeWidth="1"
        strokeOpacity="0.55"
        strokeDasharray="3 4"
      />
    </svg>
  );
}
