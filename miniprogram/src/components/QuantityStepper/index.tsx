// How many packs: big − and + buttons either side of the number, which can also be typed; always
// kept within min..max.
import { useEffect, useState } from 'react';
import { Button, Input, View } from '@tarojs/components';
import { textOf } from '../Field/events';
import { t } from '../../i18n';
import './index.scss';

export interface QuantityStepperProps {
  value: number;
  max: number;
  min?: number;
  onChange: (quantity: number) => void;
  /** What is counted, read out with the number: "东北小米 2.5公斤袋装". */
  label: string;
  disabled?: boolean;
}

export function QuantityStepper({ value, max, min = 1, onChange, label, disabled }: QuantityStepperProps) {
  const [typed, setTyped] = useState(String(value));
  useEffect(() => setTyped(String(value)), [value]);
  const top = Math.max(min, max);
  const set = (next: number) => onChange(Math.min(top, Math.max(min, next)));

  function commitTyped(text: string) {
    const number = Number.parseInt(text.replace(/\D/g, ''), 10);
    if (Number.isFinite(number)) set(number);
    else setTyped(String(value));
  }

  // `undefined`, not `false`: the browser build's button would otherwise read disabled="false" as on.
  const off = (gone: boolean) => (disabled || gone ? true : undefined);
  return (
    <View className='stepper' role='group' aria-label={label}>
      <Button className='stepper__button stepper__minus' aria-label={t('cart.less')} disabled={off(value <= min)} onClick={() => set(value - 1)}>
        −
      </Button>
      <Input
        className='stepper__number'
        type='number'
        value={typed}
        aria-label={t('cart.quantityOf', { what: label })}
        onInput={(event) => setTyped(textOf(event))}
        onBlur={(event) => commitTyped(textOf(event))}
        onConfirm={(event) => commitTyped(textOf(event))}
      />
      <Button className='stepper__button stepper__plus' aria-label={t('cart.more')} disabled={off(value >= top)} onClick={() => set(value + 1)}>
        +
      </Button>
    </View>
  );
}
