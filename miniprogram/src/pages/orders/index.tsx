// My orders (a tab page), wired to the real client.
import { useReachedBottom } from '../../hooks/useReachedBottom';
import { useShownAgain } from '../../hooks/useShownAgain';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { isBrowser, openPage, openTab } from '../../services/platform';
import { loadSession, loadSimIdentity } from '../../services/session';
import { OrdersScreen } from './OrdersScreen';
import { takeWantedOrdersTab } from './wanted-tab';

/** Inside WeChat a login is always silent; in the browser someone must have picked who they are. */
const canLogIn = () => !isBrowser || !!loadSession() || loadSimIdentity() !== null;

export default function OrdersPage() {
  usePageTitle('orders.title');
  const bottom = useReachedBottom();
  const shown = useShownAgain();
  return (
    <OrdersScreen
      orders={client}
      go={openPage}
      openLogin={() => openTab('me')}
      shown={shown}
      takeWantedTab={takeWantedOrdersTab}
      reachedBottom={bottom}
      canLogIn={canLogIn}
    />
  );
}
