// A product's poster to save and post to Moments or a group (subpackage).
import { useRouter } from '@tarojs/taro';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { canSaveToAlbum, openAppSettings, previewImages, saveImageToAlbum } from '../../../../services/platform';
import { PosterScreen } from './PosterScreen';

export default function SellerPosterPage() {
  usePageTitle('poster.title');
  const { params } = useRouter();
  return (
    <PosterScreen
      productId={params.id ?? ''}
      seller={client}
      canSaveToAlbum={canSaveToAlbum}
      saveToAlbum={saveImageToAlbum}
      openSettings={openAppSettings}
      preview={previewImages}
    />
  );
}
