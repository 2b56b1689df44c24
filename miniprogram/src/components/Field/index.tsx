// A form field: its label (with a character count when given), the input, and its error beside it.
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

export interface FieldProps {
  label: string;
  error?: string | null;
  /** "12/60": how much of the limit the text uses. */
  count?: { used: number; max: number };
  children: ReactNode;
}

export function Field({ label, error, count, children }: FieldProps) {
  return (
    <View className='field'>
      <View className='field__label'>
        <Text>{label}</Text>
        {count && (
          <Text className={count.used > count.max ? 'field__count field__count--over' : 'field__count'}>{`${count.used}/${count.max}`}</Text>
        )}
      </View>
      {children}
      {error && <View className='field__error' role='alert'>{error}</View>}
    </View>
  );
}
