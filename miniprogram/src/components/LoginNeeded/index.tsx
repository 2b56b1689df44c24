// A buyer's own pages (orders, addresses, checkout) when nobody is logged in: plain words and the
// way to the Me tab, where logging in happens.
import { Button, View } from '@tarojs/components';
import { EmptyState } from '../EmptyState';
import { t } from '../../i18n';
import { ApiError } from '../../services/http';

export function needsLogin(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'LOGIN_REQUIRED' || error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');
}

export function LoginNeeded({ hint, openLogin }: { hint: string; openLogin: () => void }) {
  return (
    <View className='login-needed'>
      <EmptyState mark='登' title={t('orders.loginTitle')} hint={hint} />
      <Button className='big-button login-needed__go' onClick={openLogin}>{t('orders.goLogin')}</Button>
    </View>
  );
}
