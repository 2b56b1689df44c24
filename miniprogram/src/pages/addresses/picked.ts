// The address picked on the addresses page for the checkout that opened it: pages cannot hand
// values back on "back", so the choice waits on the phone until the checkout shows again.
import Taro from '@tarojs/taro';

const PICKED_KEY = 'cunshop.pickedAddress';

export function putPickedAddress(addressId: string): void {
  try {
    Taro.setStorageSync(PICKED_KEY, addressId);
  } catch {
    // The checkout then keeps the address it had.
  }
}

/** The picked address's id, once: reading it forgets it. */
export function takePickedAddress(): string | null {
  try {
    const picked: unknown = Taro.getStorageSync(PICKED_KEY);
    Taro.removeStorageSync(PICKED_KEY);
    return typeof picked === 'string' && picked ? picked : null;
  } catch {
    return null;
  }
}
