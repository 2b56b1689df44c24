// The courier the seller shipped with last, offered first next time: a cooperative usually has one
// courier that collects from the village.
import Taro from '@tarojs/taro';
import { courierByCode } from '../../../../../../contract/couriers';

const KEY = 'cunshop.lastCourier';

export function lastCourier(): string | undefined {
  try {
    const stored: unknown = Taro.getStorageSync(KEY);
    return typeof stored === 'string' && courierByCode(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function rememberCourier(code: string): void {
  try {
    Taro.setStorageSync(KEY, code);
  } catch {
    // Only a convenience: the next form starts with the first courier instead.
  }
}
