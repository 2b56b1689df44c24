// The typed CunShop API client: one method per endpoint, shapes from contract/, login on demand.
import type { ClientConfig, LoginRequest, LoginResponse, SimIdentity, SimLoginCodeResponse } from '../../../contract/auth';
import { API_PREFIX, paths } from '../../../contract/paths';
import type { UpdateMeRequest, UserView } from '../../../contract/users';
import { createCatalog, type Catalog } from './catalog';
import { ApiError, apiError, createHttp, type Http } from './http';
import { createOperator, type Operator } from './operator';
import { createOrders, type Orders } from './orders';
import { createSeller, type Seller } from './seller';
import { createSellerOrders, type SellerOrders } from './seller-orders';
import { clearSession, loadSession, loadSimIdentity, saveSession, saveSimIdentity } from './session';
import { clearAllDrafts } from './form-drafts';

export interface ClientOptions {
  baseUrl: string;
  /** wx.login inside WeChat; absent in the browser, where the simulator hands out codes per identity. */
  weChatLoginCode?: () => Promise<string>;
  timeoutMs?: number;
}

/** What the Me page needs: the person's account. */
export interface Account {
  /** The logged-in user, logging in silently where possible; null when the person must choose how. */
  currentUser(): Promise<UserView | null>;
  /** Browser only: log in as one of the simulator's test identities. */
  loginAs(identity: SimIdentity): Promise<UserView>;
  updateMe(changes: UpdateMeRequest): Promise<UserView>;
  uploadAvatar(filePath: string): Promise<UserView>;
  logout(): Promise<void>;
}

/** Everything the app asks the server: the account, the public catalogue, the buyer's orders, the seller's and operator's tools. */
export interface Client extends Account, Catalog, Orders, Seller, SellerOrders, Operator {
  clientConfig(): Promise<ClientConfig>;
  me(): Promise<UserView>;
}

const api = (path: string): string => API_PREFIX + path;

export function createClient(options: ClientOptions): Client {
  let configOnce: Promise<ClientConfig> | null = null;
  let loginInFlight: Promise<UserView> | null = null;

  const http: Http = createHttp({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    session: {
      token: () => loadSession()?.token ?? null,
      renew: async () => {
        clearSession();
        const identity = loadSimIdentity();
        // A "new user" identity makes a different user on every login, so it cannot be renewed.
        if (!options.weChatLoginCode && (identity === null || identity === 'new')) return false;
        await logIn(identity ?? undefined);
        return true;
      },
    },
  });

  function clientConfig(): Promise<ClientConfig> {
    configOnce ??= http.request<ClientConfig>({ method: 'GET', path: api(paths.clientConfig), auth: false });
    configOnce.catch(() => {
      configOnce = null;
    });
    return configOnce;
  }

  async function loginCode(identity: SimIdentity | undefined): Promise<string> {
    if (options.weChatLoginCode) {
      try {
        return await options.weChatLoginCode();
      } catch {
        throw apiError('WECHAT_UNAVAILABLE');
      }
    }
    if (!identity) throw apiError('LOGIN_REQUIRED');
    const { simulatorLoginCodePath } = await clientConfig();
    if (!simulatorLoginCodePath) throw apiError('SIMULATOR_OFF');
    const issued = await http.request<SimLoginCodeResponse>({
      method: 'POST',
      path: simulatorLoginCodePath,
      body: { identity },
      auth: false,
    });
    return issued.code;
  }

  /** One login at a time: several requests hitting 401 together share it. */
  function logIn(identity: SimIdentity | undefined): Promise<UserView> {
    loginInFlight ??= (async () => {
      try {
        const code = await loginCode(identity);
        const body: LoginRequest = { code };
        const session = await http.request<LoginResponse>({ method: 'POST', path: api(paths.login), body, auth: false });
        saveSession({ token: session.token, expiresAt: session.expiresAt, userId: session.user.id });
        if (!options.weChatLoginCode) saveSimIdentity(identity ?? null);
        return session.user;
      } finally {
        loginInFlight = null;
      }
    })();
    return loginInFlight;
  }

  function me(): Promise<UserView> {
    return http.request<UserView>({ method: 'GET', path: api(paths.me) });
  }

  return {
    ...createCatalog(http),
    ...createOrders(http),
    ...createSeller(http),
    ...createSellerOrders(http),
    ...createOperator(http),
    clientConfig,
    me,

    async currentUser() {
      const canLogInSilently = !!options.weChatLoginCode || !!loadSession() || loadSimIdentity() !== null;
      if (!canLogInSilently) return null;
      try {
        return await me();
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'LOGIN_REQUIRED' || error.status === 401)) return null;
        throw error;
      }
    },

    loginAs(identity) {
      clearSession();
      return logIn(identity);
    },

    updateMe(changes) {
      return http.request<UserView>({ method: 'PATCH', path: api(paths.me), body: changes });
    },

    uploadAvatar(filePath) {
      return http.upload<UserView>({ path: api(paths.meAvatar), filePath, field: 'file' });
    },

    async logout() {
      try {
        if (loadSession()) await http.request<void>({ method: 'POST', path: api(paths.logout), renewSession: false });
      } catch {
        // Logging out must work offline too: the token is forgotten here either way.
      } finally {
        clearSession();
        saveSimIdentity(null);
        // Unsaved forms hold a shop's phone number and address: they leave with the person.
        clearAllDrafts();
      }
    },
  };
}
