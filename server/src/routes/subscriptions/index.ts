// The caller's subscription-message credits: what WeChat's subscribe dialog answered is reported
// here (each "accept" of one of our templates is one message we may send), and read back.
import { SubscribeResultRequest, SubscriptionCreditsView } from '../../../../contract/orders';
import { paths } from '../../../../contract/paths';
import { defineRoute, type AnyRoute } from '../../http/route';
import { recordSubscribeResults, subscriptionCredits } from '../../domain/subscriptions';
import type { Services } from '../../services';

export const subscriptionRoutes = (services: Services): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: paths.mySubscriptions,
    summary: 'Messages the server may still send the caller, by topic',
    tags: ['me'],
    access: 'user',
    response: SubscriptionCreditsView,
    handler: async ({ user }) => subscriptionCredits(services, user._id),
  }),
  defineRoute({
    method: 'post',
    path: paths.mySubscriptions,
    rateLimit: { name: 'subscribe-result', perMinute: 30 },
    summary: "Report wx.requestSubscribeMessage's answers; each accept of a configured template is one credit (unknown ids ignored)",
    tags: ['me'],
    access: 'user',
    body: SubscribeResultRequest,
    response: SubscriptionCreditsView,
    handler: async ({ user, body }) => {
      await recordSubscribeResults(services, user, body.results);
      return subscriptionCredits(services, user._id);
    },
  }),
];
