import type { ReactElement } from 'react';

export const TIPS = ['wall', 'helper', 'rear', 'light', 'lens', 'glasses', 'ears'] as const;
export type Tip = (typeof TIPS)[number];

const SKIN = '#f4c7a1';
const HAIR = '#2f3542';
const SHIRT = '#1e3a8a';
const BLUE = '#2563eb';
const SOFT = '#dbe7ff';

/** A head and shoulders at (x, y) = top of the head, scale s. */
function Bust({ x, y, s = 1, ears = true }: { x: number; y: number; s?: number; ears?: boolean }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${s})`}>
      <path d="M-34 74 C-34 56 -20 48 0 48 C20 48 34 56 34 74 Z" fill={SHIRT} />
      <rect x="-7" y="34" width="14" height="16" rx="4" fill={SKIN} />
      {ears && <ellipse cx="-18" cy="22" rx="4" ry="6" fill={SKIN} />}
      {ears && <ellipse cx="18" cy="22" rx="4" ry="6" fill={SKIN} />}
      <ellipse cx="0" cy="20" rx="17" ry="21" fill={SKIN} />
      <path d="M-17 16 C-18 2 -8 -2 0 -2 C9 -2 18 2 17 16 C13 8 6 6 0 7 C-6 6 -13 8 -17 16 Z" fill={HAIR} />
      <circle cx="-6" cy="20" r="1.8" fill={HAIR} />
      <circle cx="6" cy="20" r="1.8" fill={HAIR} />
      <path d="M-5 30 Q0 33 5 30" stroke="#b45f3c" strokeWidth="1.6" fill="none" strokeLinecap="round" />
    </g>
  );
}

function Check({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <circle r="11" fill="#16a34a" />
      <path
        d="M-5 0 L-1.5 4 L5.5 -4"
        stroke="#fff"
        strokeWidth="2.6"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </g>
  );
}

function Cross({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <circle r="11" fill="#dc2626" />
      <path
        d="M-4.5 -4.5 L4.5 4.5 M4.5 -4.5 L-4.5 4.5"
        stroke="#fff"
        strokeWidth="2.6"
        strokeLinecap="round"
      />
    </g>
  );
}

function Phone({ x, y, r = 0, back = false }: { x: number; y: number; r?: number; back?: boolean }) {
  return (
    <g transform={`translate(${x} ${y}) rotate(${r})`}>
      <rect x="-13" y="-24" width="26" height="48" rx="5" fill="#111827" />
      {back ? (
        <>
          <rect x="-9" y="-20" width="13" height="15" rx="3" fill="#374151" />
          <circle cx="-2.5" cy="-12.5" r="4" fill="#60a5fa" stroke="#e5e7eb" strokeWidth="1.2" />
        </>
      ) : (
        <rect x="-10" y="-20" width="20" height="40" rx="2" fill="#93c5fd" />
      )}
    </g>
  );
}

const ART: Record<Tip, () => ReactElement> = {
  wall: () => (
    <>
      <rect x="30" y="10" width="100" height="100" rx="8" fill="#e5e7eb" />
      <rect x="38" y="18" width="84" height="92" rx="4" fill="#f8fafc" />
      <Bust x={80} y={36} s={1} />
      <Check x={126} y={18} />
    </>
  ),
  helper: () => (
    <>
      <Bust x={46} y={40} s={0.9} />
      <g opacity="0.95">
        <circle cx="124" cy="48" r="13" fill={SKIN} />
        <path d="M111 44 C111 34 137 34 137 44 C132 39 116 39 111 44Z" fill="#6b4f3a" />
        <path d="M102 110 C102 80 112 68 124 68 C136 68 146 80 146 110Z" fill="#0f766e" />
        <path d="M112 80 L100 66" stroke="#0f766e" strokeWidth="8" strokeLinecap="round" />
      </g>
      <Phone x={98} y={58} r={-8} />
      <path d="M86 58 L70 58" stroke={BLUE} strokeWidth="2" strokeDasharray="3 3" />
      <Check x={140} y={20} />
    </>
  ),
  rear: () => (
    <>
      <circle cx="80" cy="60" r="46" fill={SOFT} />
      <Phone x={80} y={60} back />
      <circle cx="77.5" cy="47.5" r="10" fill="none" stroke={BLUE} strokeWidth="2" strokeDasharray="3 3" />
      <Check x={118} y={24} />
    </>
  ),
  light: () => (
    <>
      <rect x="14" y="16" width="38" height="52" rx="3" fill="#fef3c7" stroke="#f59e0b" strokeWidth="2" />
      <path d="M33 16 V68 M14 42 H52" stroke="#f59e0b" strokeWidth="2" />
      {[0, 1, 2].map((i) => (
        <path
          key={i}
          d={`M56 ${30 + i * 12} L84 ${34 + i * 10}`}
          stroke="#fbbf24"
          strokeWidth="3"
          strokeLinecap="round"
          opacity="0.85"
        />
      ))}
      <Bust x={112} y={30} s={1} />
      <Check x={140} y={18} />
    </>
  ),
  lens: () => (
    <>
      <Bust x={50} y={30} s={1} />
      <path d="M64 50 L112 50" stroke={BLUE} strokeWidth="2" strokeDasharray="4 4" />
      <circle cx="124" cy="50" r="16" fill="#111827" />
      <circle cx="124" cy="50" r="9" fill="#1d4ed8" />
      <circle cx="120" cy="46" r="3" fill="#bfdbfe" />
      <Check x={140} y={20} />
    </>
  ),
  glasses: () => (
    <>
      <g transform="translate(0 6)">
        <circle cx="54" cy="48" r="18" fill="#e0f2fe" stroke={HAIR} strokeWidth="4" />
        <circle cx="106" cy="48" r="18" fill="#e0f2fe" stroke={HAIR} strokeWidth="4" />
        <path d="M72 46 Q80 40 88 46" stroke={HAIR} strokeWidth="4" fill="none" />
        <path d="M44 40 L58 34 M98 54 L114 42" stroke="#fff" strokeWidth="5" strokeLinecap="round" />
        <path d="M36 44 L22 40 M124 44 L138 40" stroke={HAIR} strokeWidth="4" strokeLinecap="round" />
      </g>
      <Cross x={130} y={22} />
    </>
  ),
  ears: () => (
    <>
      <circle cx="80" cy="60" r="48" fill={SOFT} />
      <Bust x={80} y={24} s={1.25} />
      <circle cx="57.5" cy="51.5" r="9" fill="none" stroke={BLUE} strokeWidth="2" strokeDasharray="3 3" />
      <circle cx="102.5" cy="51.5" r="9" fill="none" stroke={BLUE} strokeWidth="2" strokeDasharray="3 3" />
      <Check x={128} y={20} />
    </>
  ),
};

/** The illustration of one tip (drawn here, no stock images). */
export function TipArt({ tip }: { tip: Tip }) {
  const Art = ART[tip];
  return (
    <svg viewBox="0 0 160 120" className="tip-art" aria-hidden="true" data-testid={`tip-art-${tip}`}>
      <Art />
    </svg>
  );
}
