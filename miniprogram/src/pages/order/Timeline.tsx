// What happened to an order, newest first: when, who, what, and their words.
import { Text, View } from '@tarojs/components';
import type { TimelineEntryView } from '../../../../contract/orders';
import { t } from '../../i18n';
import { formatWhen } from '../../utils/when';

export function Timeline({ entries }: { entries: TimelineEntryView[] }) {
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <View className='card order-timeline'>
      <View className='section-title'>{t('order.timeline')}</View>
      {newestFirst.map((entry, index) => (
        <View key={`${entry.at}-${index}`} className='timeline-entry'>
          <Text className='hint timeline-entry__at'>{formatWhen(entry.at)}</Text>
          <Text className='timeline-entry__what'>
            {t('order.timelineEntry', { who: t(`order.actor.${entry.actor}`), what: t(`order.event.${entry.event}`) })}
          </Text>
          {entry.note && <Text className='timeline-entry__note'>{entry.note}</Text>}
        </View>
      ))}
    </View>
  );
}
