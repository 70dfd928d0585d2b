/** An amount in cents as the centres print it: ¥35.00. */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  return `${sign}¥${(Math.abs(cents) / 100).toFixed(2)}`;
}
