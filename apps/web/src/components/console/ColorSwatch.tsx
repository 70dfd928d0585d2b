/** A small square of a background colour, with its hex code for screen readers. */
export function ColorSwatch({ hex, size = 16 }: { hex: string; size?: number }) {
  return (
    <span
      role="img"
      aria-label={hex}
      title={hex}
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: 4,
        background: hex,
        border: '1px solid rgba(0,0,0,0.15)',
        verticalAlign: 'middle',
      }}
    />
  );
}
