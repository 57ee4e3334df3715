/** A row of links choosing one option (sort order, timeline interval, scale); the current one is not a link. */

/** One choice: its label and the link that selects it. */
export interface SwitchOption {
  value: string;
  label: string;
  href: string;
}

/** The switch, labelled for assistive technology as a navigation of its own. */
export function OptionSwitch(props: {
  label: string;
  className: string;
  current: string;
  options: SwitchOption[];
}) {
  return (
    <nav class={`switch ${props.className}`} aria-label={props.label}>
      <span class="switch-label">{`${props.label}:`}</span>
      <ul>
        {props.options.map((option) => (
          <li key={option.value}>
            {option.value === props.current ? (
              <strong aria-current="true">{option.label}</strong>
            ) : (
              <a href={option.href}>{option.label}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
