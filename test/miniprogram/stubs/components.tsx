// @tarojs/components as plain DOM elements, passing events in Taro's `{ detail: { value } }` shape.
import type { ReactNode } from 'react';

interface Common {
  className?: string;
  children?: ReactNode;
  role?: string;
  'aria-label'?: string;
  onClick?: () => void;
  [attribute: `aria-${string}` | `data-${string}`]: unknown;
}

/** aria-* and data-* attributes pass through, as they do to the DOM in the browser build. */
function passThrough(props: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if ((key.startsWith('aria-') || key.startsWith('data-')) && value !== undefined) out[key] = String(value);
  }
  return out;
}

export function View({ className, children, role, onClick, ...rest }: Common) {
  return (
    <div className={className} role={role} onClick={onClick} {...passThrough(rest)}>
      {children}
    </div>
  );
}

export function Text({ className, children }: Common) {
  return <span className={className}>{children}</span>;
}

export function Button({ className, children, onClick, disabled, openType, ...rest }: Common & { disabled?: boolean; openType?: string }) {
  return (
    <button type='button' className={className} onClick={onClick} disabled={disabled} data-open-type={openType} {...passThrough(rest)}>
      {children}
    </button>
  );
}

type TaroInputEvent = { detail: { value: string } };

interface InputProps {
  className?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  'aria-label'?: string;
  onInput?: (event: TaroInputEvent) => void;
  onBlur?: (event: TaroInputEvent) => void;
  onConfirm?: (event: TaroInputEvent) => void;
}

export function Input(props: InputProps) {
  return (
    <input
      className={props.className}
      data-type={props.type}
      value={props.value}
      placeholder={props.placeholder}
      aria-label={props['aria-label']}
      onChange={(event) => props.onInput?.({ detail: { value: event.target.value } })}
      onBlur={(event) => props.onBlur?.({ detail: { value: event.target.value } })}
      onKeyDown={(event) => {
        if (event.key === 'Enter') props.onConfirm?.({ detail: { value: (event.target as HTMLInputElement).value } });
      }}
    />
  );
}

export function Textarea(props: InputProps) {
  return (
    <textarea
      className={props.className}
      value={props.value}
      placeholder={props.placeholder}
      aria-label={props['aria-label']}
      onChange={(event) => props.onInput?.({ detail: { value: event.target.value } })}
    />
  );
}

export function Image({ className, src, onClick }: { className?: string; src: string; onClick?: () => void }) {
  return <img className={className} src={src} alt='' onClick={onClick} />;
}

export function Swiper({ className, children }: Common) {
  return <div className={className} data-swiper=''>{children}</div>;
}

export function SwiperItem({ children }: Common) {
  return <div>{children}</div>;
}

type PickerEvent = { detail: { value: number | string } };

/**
 * A picker as a <select> (selector mode, `detail.value` the index) or a date <input> (date mode),
 * labelled like the real one, with the visible box (children) beside it.
 */
export function Picker(props: {
  mode?: string;
  range?: unknown[];
  value?: number | string;
  disabled?: boolean;
  className?: string;
  children?: ReactNode;
  'aria-label'?: string;
  onChange?: (event: PickerEvent) => void;
}) {
  const label = props['aria-label'];
  if (props.mode === 'date') {
    return (
      <div className={props.className}>
        {props.children}
        <input type='date' aria-label={label} value={String(props.value ?? '')} onChange={(e) => props.onChange?.({ detail: { value: e.target.value } })} />
      </div>
    );
  }
  return (
    <div className={props.className}>
      {props.children}
      <select
        aria-label={label}
        disabled={props.disabled}
        value=''
        onChange={(e) => props.onChange?.({ detail: { value: Number(e.target.value) } })}
      >
        <option value='' disabled>
          —
        </option>
        {(props.range ?? []).map((item, index) => (
          <option key={index} value={index}>
            {String(item)}
          </option>
        ))}
      </select>
    </div>
  );
}
