// A toolbar's or form's choice of one of a few values, named by the label around it.

import type { JSX } from 'react';

export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
}

export function LabeledSelect<T extends string>({
  label,
  id,
  value,
  options,
  onChange,
}: {
  label: string;
  id?: string;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
}): JSX.Element {
  return (
    <label className="select-label">
      {label}
      <select
        id={id}
        className="select"
        value={value}
        // The select offers only the options' values, so what it reports is one of them.
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
