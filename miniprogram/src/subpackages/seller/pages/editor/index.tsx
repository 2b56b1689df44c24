// The product editor (subpackage): a new product, or `?id=` an existing one.
import { useRouter } from '@tarojs/taro';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client, uploadPhoto } from '../../../../services';
import { confirmAction, goBack, openPage, pickImages } from '../../../../services/platform';
import { EditorScreen } from './EditorScreen';

export default function SellerEditorPage() {
  usePageTitle('editor.pageTitle');
  const { params } = useRouter();
  return (
    <EditorScreen
      productId={params.id}
      seller={client}
      loadRegions={client.regions}
      uploadPhoto={uploadPhoto}
      pickImages={pickImages}
      confirm={confirmAction}
      go={openPage}
      leave={goBack}
    />
  );
}
