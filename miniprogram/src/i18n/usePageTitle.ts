// Page titles come from app/page configs at build time (Chinese); this sets the translated one.
import Taro, { useLoad } from '@tarojs/taro';
import { getLocale, t, type MessageKey } from './index';

export function usePageTitle(key: MessageKey): void {
  useLoad(() => {
    if (getLocale() === 'zh-CN') return;
    Taro.setNavigationBarTitle({ title: t(key) }).catch(() => undefined);
  });
}
