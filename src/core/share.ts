/**
 * ⌊part × scale ÷ whole⌋ for whole numbers, computed exactly: `Math.floor((part / whole) * 100)`
 * drops a point whenever the float quotient lands just below a whole number (29 / 100 × 100 is
 * 28.999…). The remainder is exact on whole numbers, so the division below is too. 0 when
 * `whole` is 0.
 */
export function flooredShare(part: number, whole: number, scale: number): number {
  if (whole === 0) return 0;
  const scaled = part * scale;
  return (scaled - (scaled % whole)) / whole;
}
