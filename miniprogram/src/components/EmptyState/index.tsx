// A friendly placeholder for a list with nothing in it yet.
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface EmptyStateProps {
  title: string;
  hint: string;
  /** One or two characters drawn large above the title, e.g. 米 or 单. */
  mark: string;
}

export function EmptyState({ title, hint, mark }: EmptyStateProps) {
  return (
    <View className='empty-state card'>
      <View className='empty-state__mark'>
        <Text>{mark}</Text>
      </View>
      <Text className='empty-state__title'>{title}</Text>
      <Text className='empty-state__hint hint'>{hint}</Text>
    </View>
  );
}
