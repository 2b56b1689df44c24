// @tarojs/components as plain DOM elements, passing events in Taro's `{ detail: { value } }` shape.
import type { ReactNode } from 'react';

interface Common {
  className?: string;
  children?: ReactNode;
  role?: string;
  'aria-label'?: string;
  onClick?: () => void;
}

export function View({ className, children, role, onClick, ...rest }: Common) {
  return (
    <div className={className} role={role} aria-label={rest['aria-label']} onClick={onClick}>
      {children}
    </div>
  );
}

export function Text({ className, children }: Common) {
  return <span className={className}>{children}</span>;
}

export function Button({ className, children, onClick, disabled, openType }: Common & { disabled?: boolean; openType?: string }) {
  return (
    <button type='button' className={className} onClick={onClick} disabled={disabled} data-open-type={openType}>
      {children}
    </button>
  );
}

type TaroInputEvent = { detail: { value: string } };

export function Input(props: {
  className?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  'aria-label'?: string;
  onInput?: (event: TaroInputEvent) => void;
  onBlur?: (event: TaroInputEvent) => void;
  onConfirm?: (event: TaroInputEvent) => void;
}) {
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

export function Image({ className, src }: { className?: string; src: string }) {
  return <img className={className} src={src} alt='' />;
}
