// A shop's logo, or its name's first character on green when it has none. The caller's class
// sets the size (width, height and line-height alike).
import { Image, View } from '@tarojs/components';
import type { PhotoView } from '../../../../contract/photos';
import { mediaUrl } from '../../services/platform';
import './index.scss';

export function ShopLogo({ name, logo, className }: { name: string; logo: PhotoView | null; className: string }) {
  if (logo) return <Image className={`shop-logo ${className}`} src={mediaUrl(logo.thumbUrl)} mode='aspectFill' />;
  return <View className={`shop-logo shop-logo--blank ${className}`}>{name.slice(0, 1)}</View>;
}
