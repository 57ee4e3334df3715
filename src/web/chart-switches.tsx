/** The two switches above every timeline chart: share of the archive or counts, and the bucket width. */
import { OptionSwitch } from './option-switch.tsx';
import { type IntervalChoice, intervalChoices, type ScaleChoice } from './search-params.ts';

/** The switches; `hrefFor` gives the link that changes one of the two settings and keeps the rest. */
export function ChartSwitches(props: {
  scale: ScaleChoice;
  interval: IntervalChoice;
  hrefFor: (change: { scale?: ScaleChoice; interval?: IntervalChoice }) => string;
}) {
  return (
    <div class="chart-switches">
      <OptionSwitch
        label="Show"
        className="scale-switch"
        current={props.scale}
        options={[
          { value: 'share', label: 'share of archive', href: props.hrefFor({ scale: 'share' }) },
          { value: 'count', label: 'article counts', href: props.hrefFor({ scale: 'count' }) },
        ]}
      />
      <OptionSwitch
        label="Per"
        className="interval-switch"
        current={props.interval}
        options={intervalChoices.map((interval) => ({
          value: interval,
          label: interval,
          href: props.hrefFor({ interval }),
        }))}
      />
    </div>
  );
}
