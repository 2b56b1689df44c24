// My products (subpackage): tabs by status, opening the editor.
import { useRouter } from '@tarojs/taro';
import type { ProductStatus } from '../../../../../../contract/products';
import { useReachedBottom } from '../../../../hooks/useReachedBottom';
import { useShownAgain } from '../../../../hooks/useShownAgain';
import { usePageTitle } from '../../../../i18n/usePageTitle';
import { client } from '../../../../services';
import { openPage } from '../../../../services/platform';
import { ListingsScreen } from './ListingsScreen';

const STATUSES: readonly string[] = ['on_sale', 'off_shelf', 'draft'];

export default function SellerProductsPage() {
  usePageTitle('listing.title');
  const { params } = useRouter();
  const status = params.status && STATUSES.includes(params.status) ? (params.status as ProductStatus) : undefined;
  const bottom = useReachedBottom();
  const shown = useShownAgain();
  return <ListingsScreen seller={client} go={openPage} initialStatus={status} reachedBottom={bottom} shown={shown} />;
}
