// The two ways an operator page can be refused: nobody logged in (the way to log in), or someone
// who is not an operator (plain words, no button that cannot help).
import { Button, View } from '@tarojs/components';
import { EmptyState } from '../../../../components/EmptyState';
import { t } from '../../../../i18n';
import { ApiError } from '../../../../services/http';

export type Access = 'ok' | 'login' | 'forbidden';

export function accessOf(error: unknown): Access {
  if (!(error instanceof ApiError)) return 'ok';
  if (error.code === 'LOGIN_REQUIRED' || error.code === 'UNAUTHENTICATED' || error.status === 401) return 'login';
  if (error.code === 'FORBIDDEN' || error.status === 403) return 'forbidden';
  return 'ok';
}

export function AccessProblem({ access, openLogin }: { access: Exclude<Access, 'ok'>; openLogin: () => void }) {
  if (access === 'login') {
    return (
      <View className='screen'>
        <EmptyState mark='管' title={t('seller.loginFirst')} hint={t('operator.loginHint')} />
        <Button className='big-button' onClick={openLogin}>{t('operator.goLogin')}</Button>
      </View>
    );
  }
  return (
    <View className='screen'>
      <EmptyState mark='管' title={t('operator.notOperator')} hint={t('operator.notOperatorHint')} />
    </View>
  );
}
