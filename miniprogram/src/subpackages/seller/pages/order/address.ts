// The receiver as one line, the way couriers' apps and waybill printers read a pasted address:
// "王小明 13800138000 黑龙江省 齐齐哈尔市 克东县 前进村3组12号".
import type { AddressView } from '../../../../../../contract/addresses';
import { formatRegion } from '../../../../utils/region';

export function addressLine(address: AddressView): string {
  return [address.name.trim(), address.phone.trim(), formatRegion(address.region), address.detail.trim()].filter(Boolean).join(' ');
}
