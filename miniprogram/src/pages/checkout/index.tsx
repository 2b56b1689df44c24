// Checkout: opened from the cart (`shop`) or "buy now" (`shop`, `buy`), wired to the real client
// and this platform's address book, subscribe dialog and pay sheet.
import { useRouter } from '@tarojs/taro';
import { useShownAgain } from '../../hooks/useShownAgain';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { canChooseWeChatAddress, chooseAddress, openPage, openTab, replacePage, requestPayment, requestSubscribe } from '../../services/platform';
import { takePickedAddress } from '../addresses/picked';
import { CheckoutScreen } from './CheckoutScreen';

export default function CheckoutPage() {
  usePageTitle('checkout.title');
  const { params } = useRouter();
  const shownAgain = useShownAgain();
  return (
    <CheckoutScreen
      shopId={params.shop ?? ''}
      buy={params.buy}
      orders={client}
      loadRegions={client.regions}
      clientConfig={client.clientConfig}
      chooseWeChatAddress={canChooseWeChatAddress ? chooseAddress : null}
      requestSubscribe={requestSubscribe}
      requestPayment={requestPayment}
      go={openPage}
      replace={replacePage}
      openLogin={() => openTab('me')}
      shownAgain={shownAgain}
      takePickedAddress={takePickedAddress}
    />
  );
}
