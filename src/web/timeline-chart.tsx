/**
 * The timeline of a search as a bar chart rendered on the server: one bar per period, its `<title>`
 * giving the exact figures on hover, and the same figures in a visually hidden table for screen
 * readers. Bars show counts, or the share of all archived articles in each period (the default).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { edgeAnchor, ValueGrid } from './chart-axis.tsx';
import { coordinate, formatCount, formatShare, spreadIndexes } from './chart-format.ts';
import { formatPeriod } from './format-date.ts';

/** One period of a timeline (the timeline service's bucket). */
export interface TimelinePoint {
  /** First day of the period, `YYYY-MM-DD`. */
  period: string;
  /** Matching articles in the period. */
  count: number;
  /** All archived articles in the period. */
  archiveCount: number;
  /** count / archiveCount, 0..1. */
  share: number;
}

/** A timeline as the chart draws it. */
export interface TimelineData {
  interval: string;
  buckets: TimelinePoint[];
}

/** What the bars measure. */
export type TimelineScale = 'count' | 'share';

const width = 720;
const height = 150;
const margin = { top: 8, right: 8, bottom: 22, left: 48 };

/** The figures of one bucket in words, for the bar's tooltip. */
export function describeBucket(point: TimelinePoint, interval: string): string {
  const articles = point.count === 1 ? 'article' : 'articles';
  return `${formatPeriod(point.period, interval)}: ${formatCount(point.count)} ${articles}, ${formatShare(point.share)} of ${formatCount(point.archiveCount)} archived`;
}

/**
 * The chart and its table; a sentence instead when no dated article matches. `counted` names what
 * the bars count (default "Matching articles"; the entity page: "Articles naming Osh").
 */
export function TimelineChart({
  timeline,
  scale,
  counted = 'Matching articles',
}: {
  timeline: TimelineData;
  scale: TimelineScale;
  counted?: string;
}) {
  const { buckets, interval } = timeline;
  if (buckets.length === 0) return <p class="timeline-empty">No dated article matches this search.</p>;
  const value = (point: TimelinePoint) => (scale === 'share' ? point.share : point.count);
  const x = scaleBand<string>()
    .domain(buckets.map((point) => point.period))
    .range([margin.left, width - margin.right])
    .paddingInner(buckets.length > 60 ? 0 : 0.15);
  const max = Math.max(...buckets.map(value));
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const tickFormat = (tick: number) => (scale === 'share' ? formatShare(tick) : formatCount(tick));
  const what =
    scale === 'share'
      ? 'share of all archived articles'
      : `${counted[0]?.toLowerCase() ?? ''}${counted.slice(1)}`;
  return (
    <figure class="timeline-figure">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="timeline-title"
        class="chart timeline-chart"
      >
        <title id="timeline-title">{`Timeline: ${what} per ${interval}`}</title>
        <g class="axis">
          <ValueGrid
            // Counts are whole: a chart of ones and twos gets no 0.2, 0.4… lines.
            ticks={y.ticks(4).filter((tick) => scale === 'share' || Number.isInteger(tick))}
            y={y}
            left={margin.left}
            right={width - margin.right}
            format={tickFormat}
          />
          {spreadIndexes(buckets.length, 6).map((index, position, shown) => {
            const point = buckets[index]!;
            const anchor = edgeAnchor(position, shown.length);
            const left = x(point.period) ?? 0;
            const labelX =
              anchor === 'start' ? left : anchor === 'end' ? left + x.bandwidth() : left + x.bandwidth() / 2;
            return (
              <text key={point.period} x={coordinate(labelX)} y={height - 6} text-anchor={anchor}>
                {shortPeriod(point.period, interval)}
              </text>
            );
          })}
        </g>
        <g class="bars">
          {/* Empty periods draw nothing: on a day-by-day chart over years they are most of the buckets. */}
          {buckets
            .filter((point) => point.count > 0)
            .map((point) => {
              const top = y(value(point));
              return (
                <rect
                  key={point.period}
                  x={coordinate(x(point.period) ?? 0)}
                  y={coordinate(top)}
                  width={coordinate(Math.max(x.bandwidth(), 0.5))}
                  height={coordinate(height - margin.bottom - top)}
                >
                  <title>{describeBucket(point, interval)}</title>
                </rect>
              );
            })}
        </g>
      </svg>
      <TimelineTable timeline={timeline} counted={counted} />
    </figure>
  );
}

/** A short axis label: `2025`, `May 2025`, `12 May`. */
function shortPeriod(period: string, interval: string): string {
  if (interval === 'year') return period.slice(0, 4);
  if (interval === 'month') return formatPeriod(period, 'month');
  return `${period.slice(8, 10)}/${period.slice(5, 7)}/${period.slice(2, 4)}`;
}

/** The chart's figures as a table, hidden on screen but read by screen readers. */
function TimelineTable({ timeline, counted }: { timeline: TimelineData; counted: string }) {
  return (
    // A table ignores the 1px box of .visually-hidden and would widen a phone page: hide a wrapper.
    <div class="visually-hidden">
      <table>
        <caption>{`${counted} per ${timeline.interval} (periods without any are left out)`}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Articles</th>
            <th scope="col">Share of archive</th>
          </tr>
        </thead>
        <tbody>
          {timeline.buckets
            .filter((point) => point.count > 0)
            .map((point) => (
              <tr key={point.period}>
                <th scope="row">{formatPeriod(point.period, timeline.interval)}</th>
                <td>{point.count}</td>
                <td>{formatShare(point.share)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
