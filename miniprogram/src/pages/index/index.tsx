// Home: where shops and their goods will be listed; for now a friendly "coming soon".
import { Text, View } from '@tarojs/components';
import { EmptyState } from '../../components/EmptyState';
import { t } from '../../i18n';
import { usePageTitle } from '../../i18n/usePageTitle';
import './index.scss';

export default function HomePage() {
  usePageTitle('app.name');
  return (
    <View className='screen home'>
      <View className='home__banner'>
        <Text className='home__name'>{t('app.name')}</Text>
        <Text className='home__subtitle'>{t('home.subtitle')}</Text>
      </View>
      <EmptyState mark='米' title={t('home.emptyTitle')} hint={t('home.emptyHint')} />
    </View>
  );
}
