// A row of tabs across the top of a list (status, filter, queue), one of them on.
import { View } from '@tarojs/components';

export interface TabsProps<T extends string> {
  tabs: readonly T[];
  on: T;
  /** What the tab says, e.g. its name and count. */
  label: (tab: T) => string;
  onPick: (tab: T) => void;
}

export function Tabs<T extends string>({ tabs, on, label, onPick }: TabsProps<T>) {
  return (
    <View className='tabs' role='tablist'>
      {tabs.map((tab) => (
        <View
          key={tab}
          className={`tabs__tab ${tab === on ? 'tabs__tab--on' : ''}`}
          role='tab'
          aria-selected={tab === on}
          onClick={() => onPick(tab)}
        >
          {label(tab)}
        </View>
      ))}
    </View>
  );
}
