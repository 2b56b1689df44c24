// Shipping and order settings (subpackage).
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { confirmAction, openPage } from '../../../../services/platform';
import { ShippingScreen } from './ShippingScreen';

export default function SellerShippingPage() {
  usePageTitle('shipping.title');
  return <ShippingScreen seller={client} orders={client} loadRegions={client.regions} confirm={confirmAction} go={openPage} />;
}
