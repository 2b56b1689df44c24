// The buyer's order tabs: everything, then one per status in the order's life.
import type { OrderStatus } from '../../../../contract/orders';

export const ORDER_TABS = ['all', 'awaiting_payment', 'paid', 'shipped', 'completed', 'cancelled'] as const;
export type OrderTab = (typeof ORDER_TABS)[number];

export const statusOfTab = (tab: OrderTab): OrderStatus | undefined => (tab === 'all' ? undefined : tab);
