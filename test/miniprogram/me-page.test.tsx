// The Me screen with a fake account: logging in (browser), showing the user, editing, logging out.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SimIdentity } from '../../contract/auth';
import type { UserView } from '../../contract/users';
import { MeScreen, type MeScreenProps } from '../../miniprogram/src/pages/me/MeScreen';
import { setLocale } from '../../miniprogram/src/i18n';
import type { Account } from '../../miniprogram/src/services/client';
import { apiError } from '../../miniprogram/src/services/http';

const seller: UserView = {
  id: 'u1',
  nickname: '王大姐',
  avatarUrl: null,
  roles: ['buyer', 'seller'],
  createdAt: '2026-11-28T00:00:00.000Z',
};

function fakeAccount(initial: UserView | null): jest.Mocked<Account> {
  let current = initial;
  return {
    currentUser: jest.fn(async () => current),
    loginAs: jest.fn(async (_identity: SimIdentity) => (current = seller)),
    updateMe: jest.fn(async (changes) => (current = { ...(current ?? seller), ...changes })),
    uploadAvatar: jest.fn(async (_filePath: string) => (current = { ...(current ?? seller), avatarUrl: '/media/avatars/u1.jpg' })),
    logout: jest.fn(async () => {
      current = null;
    }),
  };
}

function renderMe(account: Account, overrides: Partial<MeScreenProps> = {}) {
  const props: MeScreenProps = {
    account,
    browserLogin: true,
    nativeAvatarPicker: false,
    pickImage: jest.fn(async () => 'blob:http://localhost/photo'),
    openSellerCentre: jest.fn(),
    openOperatorCentre: jest.fn(),
    ...overrides,
  };
  render(<MeScreen {...props} />);
  return props;
}

beforeEach(() => setLocale('zh-CN'));

test('in the browser, nobody logged in: three big login choices', async () => {
  const account = fakeAccount(null);
  renderMe(account);
  expect(await screen.findByText('以卖家身份登录')).toBeInTheDocument();
  expect(screen.getByText('以买家身份登录')).toBeInTheDocument();
  expect(screen.getByText('新用户登录')).toBeInTheDocument();

  fireEvent.click(screen.getByText('以卖家身份登录'));
  expect(await screen.findByText('王大姐')).toBeInTheDocument();
  expect(account.loginAs).toHaveBeenCalledWith('seller');
  expect(screen.getByText('买家')).toBeInTheDocument();
  expect(screen.getByText('卖家')).toBeInTheDocument();
});

test('the login choices speak English in English WeChat', async () => {
  setLocale('en');
  renderMe(fakeAccount(null));
  expect(await screen.findByText('Log in as a seller')).toBeInTheDocument();
  expect(screen.getByText('Log in as a buyer')).toBeInTheDocument();
  expect(screen.getByText('Log in as a new user')).toBeInTheDocument();
});

test('a logged-in user sees nickname, roles, and the way to the seller centre', async () => {
  const props = renderMe(fakeAccount(seller));
  expect(await screen.findByText('王大姐')).toBeInTheDocument();
  fireEvent.click(screen.getByText('进入卖家中心'));
  expect(props.openSellerCentre).toHaveBeenCalled();
});

test('editing the nickname saves it through the account', async () => {
  const account = fakeAccount(seller);
  renderMe(account);
  const input = await screen.findByLabelText('昵称');
  expect(input).toHaveAttribute('data-type', 'nickname');
  fireEvent.change(input, { target: { value: '  王姐小米  ' } });
  fireEvent.click(screen.getByText('保存昵称'));
  expect(await screen.findByText('昵称已保存')).toBeInTheDocument();
  expect(account.updateMe).toHaveBeenCalledWith({ nickname: '王姐小米' });
  expect(screen.getByText('王姐小米', { selector: '.me__nickname' })).toBeInTheDocument();
});

test('an empty nickname is refused before any request', async () => {
  const account = fakeAccount(seller);
  renderMe(account);
  fireEvent.change(await screen.findByLabelText('昵称'), { target: { value: '   ' } });
  fireEvent.click(screen.getByText('保存昵称'));
  expect(screen.getByRole('alert')).toHaveTextContent('昵称不能为空');
  expect(account.updateMe).not.toHaveBeenCalled();
});

test('a nickname longer than the server allows is refused before any request', async () => {
  const account = fakeAccount(seller);
  renderMe(account);
  fireEvent.change(await screen.findByLabelText('昵称'), { target: { value: '很'.repeat(21) } });
  fireEvent.click(screen.getByText('保存昵称'));
  expect(screen.getByRole('alert')).toHaveTextContent('昵称最多 20 个字');
  expect(account.updateMe).not.toHaveBeenCalled();
});

test('a failed save shows the human message for its code', async () => {
  const account = fakeAccount(seller);
  account.updateMe.mockRejectedValue(apiError('NETWORK'));
  renderMe(account);
  fireEvent.click(await screen.findByText('保存昵称'));
  expect(await screen.findByRole('alert')).toHaveTextContent('网络不好，请稍后再试');
});

test('in the browser the avatar comes from a file picker and is uploaded', async () => {
  const account = fakeAccount(seller);
  const props = renderMe(account);
  fireEvent.click(await screen.findByText('更换头像'));
  expect(await screen.findByText('头像已更新')).toBeInTheDocument();
  expect(props.pickImage).toHaveBeenCalled();
  expect(account.uploadAvatar).toHaveBeenCalledWith('blob:http://localhost/photo');
  expect(document.querySelector('img.me__avatar')).toHaveAttribute('src', 'http://localhost:3000/media/avatars/u1.jpg');
});

test("inside WeChat the avatar uses WeChat's chooseAvatar button instead", async () => {
  renderMe(fakeAccount(seller), { nativeAvatarPicker: true, browserLogin: false });
  await screen.findByText('王大姐');
  expect(document.querySelector('[data-open-type="chooseAvatar"]')).not.toBeNull();
  expect(screen.queryByText('更换头像')).not.toBeInTheDocument();
});

test('logging out returns to the login choices', async () => {
  const account = fakeAccount(seller);
  renderMe(account);
  fireEvent.click(await screen.findByText('退出登录'));
  expect(await screen.findByText('以买家身份登录')).toBeInTheDocument();
  expect(account.logout).toHaveBeenCalled();
});

test('when loading fails, the message and a retry button show', async () => {
  const account = fakeAccount(seller);
  account.currentUser.mockRejectedValueOnce(apiError('TIMEOUT'));
  renderMe(account);
  expect(await screen.findByRole('alert')).toHaveTextContent('网络太慢了，请稍后再试');
  await act(async () => {
    fireEvent.click(screen.getByText('重试'));
  });
  expect(await screen.findByText('王大姐')).toBeInTheDocument();
});

test('inside WeChat, a failed silent login offers a retry rather than identities', async () => {
  const account = fakeAccount(null);
  renderMe(account, { browserLogin: false, nativeAvatarPicker: true });
  expect(await screen.findByText('还没有登录')).toBeInTheDocument();
  expect(screen.queryByText('以卖家身份登录')).not.toBeInTheDocument();
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(account.currentUser).toHaveBeenCalledTimes(2));
  // The retry settles back on the same choice: still nobody, still no test identities.
  expect(await screen.findByText('还没有登录')).toBeInTheDocument();
  expect(screen.queryByText('以卖家身份登录')).not.toBeInTheDocument();
});
