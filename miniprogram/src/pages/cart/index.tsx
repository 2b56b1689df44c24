// Cart: the carts kept on this phone, wired to the real client.
import { useShownAgain } from '../../hooks/useShownAgain';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { confirmAction, openPage, openTab } from '../../services/platform';
import { CartScreen } from './CartScreen';

export default function CartPage() {
  usePageTitle('cart.title');
  const shownAgain = useShownAgain();
  return <CartScreen orders={client} go={openPage} openHome={() => openTab('home')} shownAgain={shownAgain} confirm={confirmAction} />;
}
