// The app shell: global styles, and tab bar labels in the person's language.
import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { getLocale, t, type MessageKey } from './i18n';
import './app.scss';

// app.config.ts is read at build time, so its labels are Chinese; other languages relabel here.
const TAB_LABELS: MessageKey[] = ['tab.home', 'tab.orders', 'tab.me'];

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (getLocale() === 'zh-CN') return;
    TAB_LABELS.forEach((key, index) => {
      Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined);
    });
  });
  return children;
}

export default App;
