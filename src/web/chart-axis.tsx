/** What the timeline and compare charts share: the value gridlines with their labels, and label anchoring. */
import { coordinate } from './chart-format.ts';

/** Horizontal gridlines at `ticks`, each labelled at the left margin. */
export function ValueGrid(props: {
  ticks: number[];
  y: (value: number) => number;
  left: number;
  right: number;
  format: (tick: number) => string;
}) {
  return (
    <>
      {props.ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={props.left}
            x2={props.right}
            y1={coordinate(props.y(tick))}
            y2={coordinate(props.y(tick))}
          />
          <text x={props.left - 4} y={coordinate(props.y(tick))} text-anchor="end" dominant-baseline="middle">
            {props.format(tick)}
          </text>
        </g>
      ))}
    </>
  );
}

/**
 * How the `position`-th of `count` period labels is anchored: the outermost ones hang inwards from
 * the chart's edges instead of being cut off by them.
 */
export function edgeAnchor(position: number, count: number): 'start' | 'middle' | 'end' {
  if (position === 0 && count > 1) return 'start';
  if (position === count - 1 && position > 0) return 'end';
  return 'middle';
}
