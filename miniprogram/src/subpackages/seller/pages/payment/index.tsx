// Payment settings (subpackage): how buyers pay, and the shop's WeChat Pay sub-merchant id.
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { openPage } from '../../../../services/platform';
import { PaymentScreen } from './PaymentScreen';

export default function SellerPaymentPage() {
  usePageTitle('paySettings.title');
  return <PaymentScreen seller={client} orders={client} go={openPage} />;
}
