// An order (`id`; `payment`: how checkout's payment ended), wired to the real client and this
// platform's dialogs, pay sheet, clipboard and phone.
import { useRouter } from '@tarojs/taro';
import { useShownAgain } from '../../hooks/useShownAgain';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { callPhone, confirmAction, openPage, openTab, requestPayment, setClipboard } from '../../services/platform';
import { OrderScreen } from './OrderScreen';

export default function OrderPage() {
  usePageTitle('order.title');
  const { params } = useRouter();
  const shownAgain = useShownAgain();
  return (
    <OrderScreen
      orderId={params.id}
      orders={client}
      clientConfig={client.clientConfig}
      requestPayment={requestPayment}
      payment={params.payment}
      go={openPage}
      openLogin={() => openTab('me')}
      confirm={confirmAction}
      copy={setClipboard}
      call={callPhone}
      shownAgain={shownAgain}
    />
  );
}
