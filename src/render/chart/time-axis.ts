/**
 * The value axis of a time chart. Values stay in nanoseconds and each tick is labelled in its
 * own unit (`100 ns`, `10 µs`, `1 ms`). Above two decades the axis is logarithmic: the
 * original tool's linear axis, scaled by the largest max whisker, made every mean bar a sliver.
 */
export interface TimeAxis {
  type: 'value' | 'log';
  /** Axis start in ns (a power of ten on a log axis, 0 on a linear one). */
  min: number;
  /** Axis end in ns on a log axis; ECharts picks it on a linear one. */
  max?: number;
}

const TWO_DECADES = 100;

export function chooseTimeAxis(values: ReadonlyArray<number>): TimeAxis {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  if (positive.length === 0) return { type: 'value', min: 0 };
  const smallest = Math.min(...positive);
  const largest = Math.max(...positive);
  if (largest / smallest <= TWO_DECADES) return { type: 'value', min: 0 };
  return {
    type: 'log',
    min: 10 ** Math.floor(Math.log10(smallest)),
    max: 10 ** Math.ceil(Math.log10(largest)),
  };
}
