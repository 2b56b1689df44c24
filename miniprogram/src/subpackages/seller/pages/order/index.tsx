// One order, for its seller (subpackage): `?id=`.
import { useRouter } from '@tarojs/taro';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { callPhone, canScanBarcode, confirmAction, openPage, scanBarcode, setClipboard } from '../../../../services/platform';
import { SellerOrderScreen } from './SellerOrderScreen';

export default function SellerOrderPage() {
  usePageTitle('sellerOrder.title');
  const { params } = useRouter();
  return (
    <SellerOrderScreen
      orderId={params.id ?? ''}
      orders={client}
      confirm={confirmAction}
      copyText={setClipboard}
      callPhone={callPhone}
      scanBarcode={canScanBarcode ? scanBarcode : null}
      go={openPage}
    />
  );
}
