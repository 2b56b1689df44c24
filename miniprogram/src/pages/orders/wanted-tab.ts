// The orders tab to open from elsewhere (the Me page's "待付款"…): tab pages take no query, so
// the wish waits on the phone until the orders page shows.
import Taro from '@tarojs/taro';
import { ORDER_TABS, type OrderTab } from './tabs';

const WANTED_KEY = 'cunshop.ordersTab';

export function putWantedOrdersTab(tab: OrderTab): void {
  try {
    Taro.setStorageSync(WANTED_KEY, tab);
  } catch {
    // The orders page then opens on the tab it had.
  }
}

export function takeWantedOrdersTab(): OrderTab | null {
  try {
    const wanted: unknown = Taro.getStorageSync(WANTED_KEY);
    Taro.removeStorageSync(WANTED_KEY);
    return (ORDER_TABS as readonly unknown[]).includes(wanted) ? (wanted as OrderTab) : null;
  } catch {
    return null;
  }
}
