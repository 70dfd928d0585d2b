import { useId } from 'react';
import { SHEET, sheetSlots, type PrintLayout, type Slot } from './sheet-geometry.js';

/** A person-shaped placeholder in a w×h photo (upright). */
function Silhouette({ w, h }: { w: number; h: number }) {
  return (
    <>
      <rect width={w} height={h} fill="#dbe7ff" />
      <circle cx={w / 2} cy={h * 0.4} r={w * 0.21} fill="#7aa2f7" />
      <path
        d={`M${w * 0.1} ${h} C${w * 0.14} ${h * 0.68} ${w * 0.86} ${h * 0.68} ${w * 0.9} ${h}Z`}
        fill="#7aa2f7"
      />
    </>
  );
}

function SlotContent({ slot, photoUrl, clipId }: { slot: Slot; photoUrl?: string | null; clipId: string }) {
  // draw upright in the photo's own size, then turn it 90° clockwise onto the sheet when needed
  const w = slot.rotated ? slot.height : slot.width;
  const h = slot.rotated ? slot.width : slot.height;
  const transform = slot.rotated
    ? `translate(${slot.x + slot.width} ${slot.y}) rotate(90)`
    : `translate(${slot.x} ${slot.y})`;
  return (
    <g transform={transform}>
      {photoUrl ? (
        <image
          href={photoUrl}
          width={w}
          height={h}
          preserveAspectRatio="xMidYMid slice"
          clipPath={`url(#${clipId}-${slot.size})`}
        />
      ) : (
        <Silhouette w={w} h={h} />
      )}
      <rect width={w} height={h} fill="none" stroke="#bdbdbd" strokeWidth={3} />
    </g>
  );
}

/** The 6-inch print sheet of a layout, drawn from the engine's slot geometry (with the photo when known). */
export function SheetPreview({
  layout,
  photoUrl,
  label,
}: {
  layout: PrintLayout;
  photoUrl?: string | null;
  label: string;
}) {
  const clipId = useId().replace(/:/g, '');
  return (
    <svg
      className="sheet-preview"
      viewBox={`0 0 ${SHEET.width} ${SHEET.height}`}
      role="img"
      aria-label={label}
    >
      <defs>
        <clipPath id={`${clipId}-two_inch`}>
          <rect width={413} height={579} />
        </clipPath>
        <clipPath id={`${clipId}-one_inch`}>
          <rect width={295} height={413} />
        </clipPath>
      </defs>
      <rect width={SHEET.width} height={SHEET.height} fill="#fff" />
      {sheetSlots(layout).map((s, i) => (
        <SlotContent key={i} slot={s} photoUrl={photoUrl} clipId={clipId} />
      ))}
    </svg>
  );
}
