/**
 * The geometry of a kiosk page's small charts (a heartbeat's outbox depth, its sync age): one
 * series over time as an SVG polyline, drawn without a chart library. The numbers the chart
 * shows are also said in a sentence and a table (HistoryChart.svelte).
 */

export interface ChartPoint {
  /** Milliseconds since the epoch. */
  t: number;
  value: number;
}

export interface ChartGeometry {
  /** The polyline's `points` attribute ("x,y x,y …"), in the view box. */
  points: string;
  /** Each point's position, for the markers. */
  dots: { x: number; y: number }[];
  /** The top of the value axis: the largest value, rounded up to a readable number. */
  top: number;
  min: number;
  max: number;
  latest: number | null;
}

/** 1, 2, 5, 10, 20, 50…: the smallest such number at least `value` (1 for 0). */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * Places the points in a `width` × `height` box (y grows downwards, 0 at the bottom), time from
 * left to right over [from, to]; a single point sits at the right edge.
 */
export function chartGeometry(
  points: readonly ChartPoint[],
  box: { width: number; height: number; from: number; to: number },
): ChartGeometry {
  const values = points.map((p) => p.value);
  const max = values.length === 0 ? 0 : Math.max(...values);
  const min = values.length === 0 ? 0 : Math.min(...values);
  const top = niceCeiling(max);
  const span = Math.max(1, box.to - box.from);
  const round = (n: number) => Math.round(n * 10) / 10;
  const dots = points.map((p) => ({
    x: round(Math.min(1, Math.max(0, (p.t - box.from) / span)) * box.width),
    y: round(box.height - (Math.max(0, p.value) / top) * box.height),
  }));
  return {
    points: dots.map((d) => `${d.x},${d.y}`).join(' '),
    dots,
    top,
    min,
    max,
    latest: values.at(-1) ?? null,
  };
}
