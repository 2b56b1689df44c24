// Home: the directory of shops, wired to the real client.
import { useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { openPage } from '../../services/platform';
import { HomeScreen } from './HomeScreen';

export default function HomePage() {
  usePageTitle('app.name');
  const [bottom, setBottom] = useState(0);
  useReachBottom(() => setBottom((n) => n + 1));
  return <HomeScreen catalog={client} go={openPage} reachedBottom={bottom} />;
}
