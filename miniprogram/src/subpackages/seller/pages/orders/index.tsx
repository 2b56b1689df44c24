// The shop's orders (subpackage): tabs by status (`?status=`), refund requests (`?refundRequest=open`),
// search, the pick list; opens an order.
import { useRouter } from '@tarojs/taro';
import type { OrderStatus } from '../../../../../../contract/orders';
import { useReachedBottom } from '../../../../hooks/useReachedBottom';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { fileHandOffNeedsTap, handOffFile, openPage } from '../../../../services/platform';
import { ORDER_TABS, SellerOrdersScreen } from './SellerOrdersScreen';

const PICK_LIST_FILES = { handOff: handOffFile, handOffNeedsTap: fileHandOffNeedsTap };

export default function SellerOrdersPage() {
  usePageTitle('sellerOrders.title');
  const { params } = useRouter();
  const status = ORDER_TABS.find((tab) => tab === params.status);
  const bottom = useReachedBottom();
  const shown = useShownAgain();
  return (
    <SellerOrdersScreen
      seller={client}
      orders={client}
      pickListFiles={PICK_LIST_FILES}
      go={openPage}
      initialStatus={status as OrderStatus | undefined}
      initialRefunds={params.refundRequest === 'open'}
      reachedBottom={bottom}
      shown={shown}
    />
  );
}
