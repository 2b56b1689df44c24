// An order's status as a coloured word: what needs the seller (to ship) stands out.
import { Text } from '@tarojs/components';
import type { OrderStatus } from '../../../../../../contract/orders';
import { t } from '../../../../i18n';

/** Every status in the order an order lives through (also the seller's tabs). */
export const ORDER_STATUSES: readonly OrderStatus[] = ['awaiting_payment', 'paid', 'shipped', 'completed', 'cancelled'];

const LOOK: Record<OrderStatus, string> = {
  awaiting_payment: 'badge badge--warn',
  paid: 'badge badge--danger',
  shipped: 'badge',
  completed: 'badge badge--muted',
  cancelled: 'badge badge--muted',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Text className={`${LOOK[status]} order-status`}>{t(`sellerOrders.status.${status}`)}</Text>;
}
