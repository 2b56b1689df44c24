// My addresses (`pick=1` when a checkout opened it), wired to the real client.
import { useRouter } from '@tarojs/taro';
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { canChooseWeChatAddress, chooseAddress, confirmAction, goBack, openTab } from '../../services/platform';
import { AddressesScreen } from './AddressesScreen';
import { putPickedAddress } from './picked';

export default function AddressesPage() {
  usePageTitle('address.title');
  const { params } = useRouter();
  return (
    <AddressesScreen
      orders={client}
      loadRegions={client.regions}
      pick={params.pick === '1'}
      onPicked={(addressId) => {
        putPickedAddress(addressId);
        goBack();
      }}
      chooseWeChatAddress={canChooseWeChatAddress ? chooseAddress : null}
      confirm={confirmAction}
      openLogin={() => openTab('me')}
    />
  );
}
