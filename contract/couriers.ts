// Couriers sellers ship with, by the ids WeChat's logistics assistant gives express companies
// (the same ids its shipping-info upload takes as `express_company`). Zod-free so the mini-program can show the list without the schema library.

export interface Courier {
  code: string;
  /** The name people know, in Chinese; `nameEn` for the English interface. */
  name: string;
  nameEn: string;
}

export const COURIERS: readonly Courier[] = [
  { code: 'EMS', name: '中国邮政 EMS', nameEn: 'China Post EMS' },
  { code: 'SF', name: '顺丰速运', nameEn: 'SF Express' },
  { code: 'ZTO', name: '中通快递', nameEn: 'ZTO Express' },
  { code: 'YTO', name: '圆通速递', nameEn: 'YTO Express' },
  { code: 'YUNDA', name: '韵达速递', nameEn: 'Yunda Express' },
  { code: 'STO', name: '申通快递', nameEn: 'STO Express' },
  { code: 'JTSD', name: '极兔速递', nameEn: 'J&T Express' },
  { code: 'JDL', name: '京东快递', nameEn: 'JD Logistics' },
  { code: 'DB', name: '德邦快递', nameEn: 'Deppon Express' },
  { code: 'OTHER', name: '其他快递', nameEn: 'Other courier' },
];

export const COURIER_CODES = COURIERS.map((c) => c.code) as [string, ...string[]];

export const courierByCode = (code: string): Courier | undefined => COURIERS.find((c) => c.code === code);
