/**
 * Several timelines in one SVG chart, a line each. Lines differ by dash pattern and point marker as
 * well as colour, so they can be told apart in print and without colour vision; each point's `<title>`
 * gives its figures, and a visually hidden table repeats them all.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import { edgeAnchor, ValueGrid } from './chart-axis.tsx';
import { coordinate, formatCount, formatShare, spreadIndexes } from './chart-format.ts';
import { formatPeriod } from './format-date.ts';
import type { TimelinePoint, TimelineScale } from './timeline-chart.tsx';

/** One line: a query's label and its buckets. */
export interface CompareSeries {
  label: string;
  buckets: TimelinePoint[];
}

/** Dash patterns of the lines, in order (solid, dashed, dotted, dash-dot). */
export const seriesDashes = ['', '9 4', '2 3', '10 3 2 3'] as const;
/** Point markers of the lines, in order. */
export const seriesMarkers = ['circle', 'square', 'triangle', 'diamond'] as const;

const width = 720;
const height = 220;
const margin = { top: 10, right: 12, bottom: 24, left: 52 };
/** Past this many periods the points get no markers (the lines alone stay readable). */
const maxMarkedPoints = 60;

/** The SVG path of marker `shape` centred on (x, y). */
export function markerPath(shape: (typeof seriesMarkers)[number], x: number, y: number, r = 3.5): string {
  const [a, b] = [coordinate(x), coordinate(y)];
  switch (shape) {
    case 'circle':
      return `M${a - r},${b}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    case 'square':
      return `M${a - r},${b - r}h${2 * r}v${2 * r}h${-2 * r}z`;
    case 'triangle':
      return `M${a},${b - r - 1}L${a + r + 1},${b + r}H${a - r - 1}z`;
    case 'diamond':
      return `M${a},${b - r - 1}L${a + r + 1},${b}L${a},${b + r + 1}L${a - r - 1},${b}z`;
  }
}

/** Each series' value per period over the union of all periods (0 where a series has no article). */
export function alignSeries(series: CompareSeries[]): {
  periods: string[];
  values: Map<string, TimelinePoint>[];
} {
  const periods = [...new Set(series.flatMap((one) => one.buckets.map((point) => point.period)))].sort();
  return { periods, values: series.map((one) => new Map(one.buckets.map((point) => [point.period, point]))) };
}

/** The chart, or a sentence when no query has a dated article. */
export function CompareChart(props: { series: CompareSeries[]; interval: string; scale: TimelineScale }) {
  const { series, interval, scale } = props;
  const { periods, values } = alignSeries(series);
  if (periods.length === 0) return <p class="timeline-empty">No dated article matches these queries.</p>;
  const pointValue = (point: TimelinePoint | undefined) =>
    point ? (scale === 'share' ? point.share : point.count) : 0;
  const x = scalePoint<string>()
    .domain(periods)
    .range([margin.left, width - margin.right])
    .padding(periods.length === 1 ? 0.5 : 0);
  const max = Math.max(...values.flatMap((map) => periods.map((period) => pointValue(map.get(period)))));
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const tickFormat = (tick: number) => (scale === 'share' ? formatShare(tick) : formatCount(tick));
  return (
    <figure class="compare-figure">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="compare-title"
        class="chart compare-chart"
      >
        <title id="compare-title">
          {`${scale === 'share' ? 'Share of all archived articles' : 'Matching articles'} per ${interval}, one line per query`}
        </title>
        <g class="axis">
          <ValueGrid
            ticks={y.ticks(4)}
            y={y}
            left={margin.left}
            right={width - margin.right}
            format={tickFormat}
          />
          {spreadIndexes(periods.length, 6).map((index) => {
            const period = periods[index]!;
            return (
              <text
                key={period}
                x={coordinate(x(period) ?? 0)}
                y={height - 6}
                text-anchor={edgeAnchor(index, periods.length)}
              >
                {interval === 'year'
                  ? period.slice(0, 4)
                  : interval === 'month'
                    ? formatPeriod(period, 'month')
                    : period}
              </text>
            );
          })}
        </g>
        {series.map((one, index) => {
          const map = values[index]!;
          const yOf = (period: string) => coordinate(y(pointValue(map.get(period))));
          const d =
            line<string>()
              .x((period) => coordinate(x(period) ?? 0))
              .y(yOf)(periods) ?? '';
          const dash = seriesDashes[index % seriesDashes.length];
          const marker = seriesMarkers[index % seriesMarkers.length]!;
          return (
            <g key={index} class={`series series-${index + 1}`}>
              <title>{one.label}</title>
              <path class="series-line" d={d} fill="none" stroke-dasharray={dash || undefined} />
              {periods.length <= maxMarkedPoints
                ? periods.map((period) => (
                    <path
                      key={period}
                      class="series-marker"
                      d={markerPath(marker, x(period) ?? 0, yOf(period))}
                    >
                      <title>{`${one.label} — ${describePoint(map.get(period), period, interval)}`}</title>
                    </path>
                  ))
                : null}
            </g>
          );
        })}
      </svg>
      <CompareTable series={series} periods={periods} values={values} interval={interval} />
    </figure>
  );
}

function describePoint(point: TimelinePoint | undefined, period: string, interval: string): string {
  const when = formatPeriod(period, interval);
  if (!point) return `${when}: no articles`;
  return `${when}: ${formatCount(point.count)} articles, ${formatShare(point.share)} of ${formatCount(point.archiveCount)} archived`;
}

/** A legend entry's sample: a short stretch of the line with its marker. */
export function LegendSample({ index }: { index: number }) {
  const dash = seriesDashes[index % seriesDashes.length];
  const marker = seriesMarkers[index % seriesMarkers.length]!;
  return (
    <svg
      class={`legend-sample series series-${index + 1}`}
      viewBox="0 0 40 12"
      width="40"
      height="12"
      aria-hidden="true"
    >
      <path class="series-line" d="M2,6H38" fill="none" stroke-dasharray={dash || undefined} />
      <path class="series-marker" d={markerPath(marker, 20, 6)} />
    </svg>
  );
}

interface CompareTableProps {
  series: CompareSeries[];
  periods: string[];
  values: Map<string, TimelinePoint>[];
  interval: string;
}

function CompareTable({ series, periods, values, interval }: CompareTableProps) {
  return (
    // A table ignores the 1px box of .visually-hidden and would widen a phone page: hide a wrapper.
    <div class="visually-hidden">
      <table>
        <caption>
          {`Matching articles per ${interval}, and their share of the archive, for each query (periods without any are left out)`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.map((one, index) => (
              <th key={index} scope="col">
                {one.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {periods
            .filter((period) => values.some((map) => (map.get(period)?.count ?? 0) > 0))
            .map((period) => (
              <tr key={period}>
                <th scope="row">{formatPeriod(period, interval)}</th>
                {values.map((map, index) => {
                  const point = map.get(period);
                  return <td key={index}>{point ? `${point.count} (${formatShare(point.share)})` : '0'}</td>;
                })}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
