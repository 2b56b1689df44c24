// Open or edit my shop (subpackage).
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client, uploadPhoto } from '../../../../services';
import { confirmAction, goBack, pickImages } from '../../../../services/platform';
import { ShopFormScreen } from './ShopFormScreen';

export default function SellerShopPage() {
  usePageTitle('shopForm.title');
  return (
    <ShopFormScreen
      seller={client}
      loadRegions={client.regions}
      uploadPhoto={uploadPhoto}
      pickImages={pickImages}
      confirm={confirmAction}
      opened={() => setTimeout(goBack, 800)}
    />
  );
}
