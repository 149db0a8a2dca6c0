import { describe, expect, it } from 'vitest';
import { chooseTimeAxis } from '../../src/render/chart/time-axis.js';

describe('chooseTimeAxis', () => {
  it('stays linear within two decades and goes logarithmic beyond', () => {
    expect(chooseTimeAxis([1_000, 50_000, 100_000])).toEqual({ type: 'value', min: 0 });
    expect(chooseTimeAxis([900, 150_000])).toEqual({ type: 'log', min: 100, max: 1_000_000 });
    expect(chooseTimeAxis([1_000, 100_000])).toEqual({ type: 'value', min: 0 });
    expect(chooseTimeAxis([])).toEqual({ type: 'value', min: 0 });
    expect(chooseTimeAxis([0, Number.NaN, 5])).toEqual({ type: 'value', min: 0 });
  });
});
