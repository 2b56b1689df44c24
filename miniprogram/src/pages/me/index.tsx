// Me: the logged-in person, wired to the real client and this platform's pickers.
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { hasNativeAvatarPicker, isBrowser, openOperatorCentre, openPage, openSellerCentre, openTab, pickImageFile } from '../../services/platform';
import { putWantedOrdersTab } from '../orders/wanted-tab';
import { MeScreen } from './MeScreen';

export default function MePage() {
  usePageTitle('me.title');
  return (
    <MeScreen
      account={client}
      browserLogin={isBrowser}
      nativeAvatarPicker={hasNativeAvatarPicker}
      pickImage={pickImageFile}
      openSellerCentre={openSellerCentre}
      openOperatorCentre={openOperatorCentre}
      openOrders={(tab) => {
        putWantedOrdersTab(tab);
        openTab('orders');
      }}
      openCart={() => openPage('cart')}
      openAddresses={() => openPage('addresses')}
    />
  );
}
