// Seller centre (subpackage): the hub for the seller's shop and products.
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { openMeTab, openPage, requestSubscribe } from '../../../../services/platform';
import { SellerHomeScreen } from './SellerHomeScreen';

const ALERTS = { config: client.clientConfig, requestSubscribe };

export default function SellerHomePage() {
  usePageTitle('seller.title');
  const shown = useShownAgain();
  return <SellerHomeScreen seller={client} orders={client} alerts={ALERTS} go={openPage} openLogin={openMeTab} shown={shown} />;
}
