// Me: the logged-in person, wired to the real client and this platform's pickers.
import { usePageTitle } from '../../i18n/usePageTitle';
import { client } from '../../services';
import { hasNativeAvatarPicker, isBrowser, openOperatorCentre, openSellerCentre, pickImageFile } from '../../services/platform';
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
    />
  );
}
