// The seller's shop, loaded once for a screen that works on it (orders, buyers, settings): while
// loading, a failure with retry, "open a shop" when there is none; else the screen itself.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import type { ShopView } from '../../../../../../contract/shops';
import { LoadFailed, Loading } from '../../../../components/LoadState';
import { messageOf } from '../../../../hooks/usePagedList';
import type { Navigate } from '../../../../services/platform';
import type { Seller } from '../../../../services/seller';
import { NoShop } from '../SellerBlocks';

export interface ShopGateProps {
  seller: Pick<Seller, 'myShop'>;
  go: Navigate;
  children: (shop: ShopView) => ReactNode;
}

export function ShopGate({ seller, go, children }: ShopGateProps) {
  const [shop, setShop] = useState<ShopView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    setShop(undefined);
    seller.myShop().then(setShop, (failure: unknown) => setError(messageOf(failure)));
  }, [seller]);
  useEffect(() => load(), [load]);

  if (error) return <View className='screen'><LoadFailed message={error} onRetry={load} /></View>;
  if (shop === undefined) return <View className='screen'><Loading /></View>;
  if (shop === null) return <NoShop onOpen={() => go('sellerShop')} />;
  return <>{children(shop)}</>;
}
