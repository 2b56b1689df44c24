// The Me screen: who is logged in, their nickname and avatar, logging in and out, and the ways
// to the seller centre (everyone) and the platform admin (operators only).
// It takes the account and platform abilities as props so tests can render it with fakes.
import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Input, Text, View } from '@tarojs/components';
import type { SimIdentity } from '../../../../contract/auth';
import type { UserView } from '../../../../contract/users';
import { NICKNAME_MAX } from '../../../../contract/limits';
import { textOf } from '../../components/Field/events';
import { messageOf } from '../../hooks/usePagedList';
import { t } from '../../i18n';
import type { Account } from '../../services/client';
import { mediaUrl } from '../../services/platform';
import type { OrderTab } from '../orders/tabs';
import './index.scss';

export interface MeScreenProps {
  account: Account;
  /** Offer the simulator's test identities when nobody is logged in (browser build). */
  browserLogin: boolean;
  /** WeChat's own avatar chooser is available (`<Button openType="chooseAvatar">`). */
  nativeAvatarPicker: boolean;
  /** File picker fallback where there is no native chooser; null when cancelled. */
  pickImage: () => Promise<string | null>;
  openSellerCentre: () => void;
  /** The platform's admin pages; the way there shows only to operators. */
  openOperatorCentre: () => void;
  /** The buyer's ways on: the orders tab at one status, the cart, the addresses. */
  openOrders?: (tab: OrderTab) => void;
  openCart?: () => void;
  openAddresses?: () => void;
}

const ORDER_SHORTCUTS: OrderTab[] = ['awaiting_payment', 'paid', 'shipped', 'all'];

/** The buyer's own: orders by status, the cart, delivery addresses. */
function BuyerLinks({ openOrders, openCart, openAddresses }: Pick<MeScreenProps, 'openOrders' | 'openCart' | 'openAddresses'>) {
  if (!openOrders && !openCart && !openAddresses) return null;
  return (
    <View className='card me__buyer'>
      {openOrders && (
        <>
          <View className='section-title'>{t('orders.title')}</View>
          <View className='me__order-tabs'>
            {ORDER_SHORTCUTS.map((tab) => (
              <View key={tab} className={`me__order-tab me-orders-${tab}`} role='link' onClick={() => openOrders(tab)}>
                {t(tab === 'all' ? 'orders.tab.all' : `order.status.${tab}`)}
              </View>
            ))}
          </View>
        </>
      )}
      {openCart && <Button className='big-button secondary me-cart' onClick={openCart}>{t('cart.title')}</Button>}
      {openAddresses && <Button className='big-button secondary me-addresses' onClick={openAddresses}>{t('address.title')}</Button>}
    </View>
  );
}

type Phase = 'loading' | 'ready' | 'failed';

const LOGIN_CHOICES: { identity: SimIdentity; label: 'me.loginAsSeller' | 'me.loginAsBuyer' | 'me.loginAsNew' }[] = [
  { identity: 'seller', label: 'me.loginAsSeller' },
  { identity: 'buyer', label: 'me.loginAsBuyer' },
  { identity: 'new', label: 'me.loginAsNew' },
];


export function MeScreen(props: MeScreenProps) {
  const { account, browserLogin, nativeAvatarPicker, pickImage, openSellerCentre, openOperatorCentre } = props;
  const [phase, setPhase] = useState<Phase>('loading');
  const [user, setUser] = useState<UserView | null>(null);
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const showUser = useCallback((next: UserView | null) => {
    setUser(next);
    setNickname(next?.nickname ?? '');
  }, []);

  const load = useCallback(async () => {
    setPhase('loading');
    setError(null);
    try {
      showUser(await account.currentUser());
      setPhase('ready');
    } catch (failure) {
      setError(messageOf(failure));
      setPhase('failed');
    }
  }, [account, showUser]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one action at a time, showing its outcome; big thumbs tap twice on slow networks. */
  async function act(action: () => Promise<UserView | null>, done?: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      showUser(await action());
      if (done) setNotice(done);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  function saveNickname() {
    const wanted = nickname.trim();
    if (!wanted) {
      setNotice(null);
      setError(t('me.nicknameEmpty'));
      return;
    }
    // Counted as the server counts (UTF-16 units), so the phone never sends what the server refuses.
    if (wanted.length > NICKNAME_MAX) {
      setNotice(null);
      setError(t('me.nicknameTooLong', { max: NICKNAME_MAX }));
      return;
    }
    void act(() => account.updateMe({ nickname: wanted }), t('me.nicknameSaved'));
  }

  function changeAvatar(filePath: string | null | undefined) {
    if (!filePath) return;
    void act(() => account.uploadAvatar(filePath), t('me.avatarSaved'));
  }

  async function chooseAvatarFile() {
    changeAvatar(await pickImage());
  }

  // `undefined`, not `false`: H5's button web component would receive disabled="false" and grey out.
  const disabled = busy ? true : undefined;

  const messages = (
    <>
      {error && <View className='message error' role='alert'>{error}</View>}
      {notice && <View className='message ok' role='status'>{notice}</View>}
    </>
  );

  if (phase === 'loading') {
    return (
      <View className='screen me'>
        <Text className='hint'>{t('me.loading')}</Text>
      </View>
    );
  }

  if (phase === 'failed') {
    return (
      <View className='screen me'>
        {messages}
        <Button className='big-button' onClick={() => void load()}>{t('me.retry')}</Button>
      </View>
    );
  }

  if (!user) {
    return (
      <View className='screen me'>
        <View className='card'>
          <Text className='title'>{t(browserLogin ? 'me.loginTitle' : 'me.notLoggedIn')}</Text>
          {browserLogin && <View className='hint'>{t('me.loginHint')}</View>}
        </View>
        {messages}
        {browserLogin ? (
          LOGIN_CHOICES.map(({ identity, label }) => (
            <Button
              key={identity}
              className={`big-button ${identity === 'seller' ? '' : 'secondary'}`}
              disabled={disabled}
              onClick={() => void act(() => account.loginAs(identity))}
            >
              {t(label)}
            </Button>
          ))
        ) : (
          <Button className='big-button' disabled={disabled} onClick={() => void load()}>{t('me.retry')}</Button>
        )}
      </View>
    );
  }

  const avatar = user.avatarUrl ? (
    <Image className='me__avatar' src={mediaUrl(user.avatarUrl)} mode='aspectFill' />
  ) : (
    <View className='me__avatar me__avatar--blank'>{user.nickname.slice(0, 1)}</View>
  );

  return (
    <View className='screen me'>
      <View className='card me__profile'>
        {nativeAvatarPicker ? (
          <Button
            className='me__avatar-button'
            openType='chooseAvatar'
            onChooseAvatar={(event) => changeAvatar((event.detail as { avatarUrl?: string }).avatarUrl)}
          >
            {avatar}
          </Button>
        ) : (
          <View className='me__avatar-button' onClick={() => void chooseAvatarFile()}>{avatar}</View>
        )}
        <View className='me__who'>
          <Text className='me__nickname'>{user.nickname}</Text>
          <View className='me__roles' aria-label={t('me.roles')}>
            {user.roles.map((role) => (
              <Text key={role} className='me__role'>{t(`role.${role}`)}</Text>
            ))}
          </View>
        </View>
      </View>

      {messages}

      <View className='card'>
        <View className='me__label'>{t('me.nickname')}</View>
        <Input
          className='me__nickname-input'
          type='nickname'
          value={nickname}
          placeholder={t('me.nicknamePlaceholder')}
          aria-label={t('me.nickname')}
          onInput={(event) => setNickname(textOf(event))}
          onBlur={(event) => setNickname(textOf(event))}
          onConfirm={saveNickname}
        />
        <Button className='big-button' disabled={disabled} onClick={saveNickname}>{t('me.saveNickname')}</Button>
        {!nativeAvatarPicker && (
          <Button className='big-button secondary' disabled={disabled} onClick={() => void chooseAvatarFile()}>
            {t('me.changeAvatar')}
          </Button>
        )}
      </View>

      <BuyerLinks openOrders={props.openOrders} openCart={props.openCart} openAddresses={props.openAddresses} />

      {/* Shown to everyone: a buyer may be about to start selling. Only a tap downloads seller code. */}
      <Button className='big-button secondary' onClick={openSellerCentre}>{t('me.sellerCentre')}</Button>
      {user.roles.includes('operator') && (
        <Button className='big-button secondary' onClick={openOperatorCentre}>{t('me.operatorCentre')}</Button>
      )}
      <Button className='big-button quiet' disabled={disabled} onClick={() => void act(async () => (await account.logout(), null))}>
        {t('me.logout')}
      </Button>
    </View>
  );
}
