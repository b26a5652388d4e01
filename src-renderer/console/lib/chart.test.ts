import { describe, expect, it } from 'vitest';
import { chartGeometry, niceCeiling } from './chart';

describe('the history chart', () => {
  it('rounds the value axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 6, 10, 11, 42, 150].map(niceCeiling)).toEqual([1, 1, 5, 10, 10, 20, 50, 200]);
  });

  it('places the points over time, 0 at the bottom and the axis top at the top', () => {
    const g = chartGeometry(
      [
        { t: 0, value: 1 },
        { t: 50, value: 3 },
        { t: 100, value: 6 },
      ],
      { width: 200, height: 100, from: 0, to: 100 },
    );
    expect(g.top).toBe(10);
    expect(g.dots).toEqual([
      { x: 0, y: 90 },
      { x: 100, y: 70 },
      { x: 200, y: 40 },
    ]);
    expect(g.points).toBe('0,90 100,70 200,40');
    expect([g.min, g.max, g.latest]).toEqual([1, 6, 6]);
  });

  it('keeps points outside the span on its edges, and says nothing of an empty series', () => {
    const g = chartGeometry([{ t: -10, value: 0 }], { width: 10, height: 10, from: 0, to: 5 });
    expect(g.dots).toEqual([{ x: 0, y: 10 }]);
    expect(chartGeometry([], { width: 10, height: 10, from: 0, to: 5 })).toMatchObject({
      points: '',
      latest: null,
      max: 0,
    });
  });
});
