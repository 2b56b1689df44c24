// Subscription-message credits on our side. WeChat gives a credit when a person taps "allow" in
// its subscribe dialog; the mini-program passes the dialog's answers here, so the server knows
// whom it may message. WeChat's own count decides in the end (43101 when there is none).
import type { Types } from 'mongoose';
import type { SubscribeResultRequest, SubscribeTopic, SubscriptionCreditsView } from '../../../contract/orders';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import { isDuplicateKey } from '../db/errors';

const topicsOf = (services: Services) => Object.entries(services.config.wechat.subscribeTemplates) as [SubscribeTopic, { id: string } | null][];

/** Each "accept" of a configured template is one more message we may send; anything else is ignored. */
export async function recordSubscribeResults(services: Services, user: UserDoc, results: SubscribeResultRequest['results']): Promise<void> {
  const configured = new Set(topicsOf(services).flatMap(([, t]) => (t ? [t.id] : [])));
  const { SubscribeCredit } = services.models;
  for (const [templateId, answer] of Object.entries(results)) {
    if (answer !== 'accept' || !configured.has(templateId)) continue;
    const add = () => SubscribeCredit.updateOne({ userId: user._id, templateId }, { $inc: { credits: 1 } }, { upsert: true });
    // Two first accepts at once: the unique index lets one insert; the other then adds to it.
    await add().catch((err: unknown) => {
      if (isDuplicateKey(err)) return add();
      throw err;
    });
  }
}

export async function subscriptionCredits(services: Services, userId: Types.ObjectId): Promise<SubscriptionCreditsView> {
  const topics = topicsOf(services);
  const ids = topics.flatMap(([, t]) => (t ? [t.id] : []));
  const rows = await services.models.SubscribeCredit.find({ userId, templateId: { $in: ids } }).lean();
  const byId = new Map(rows.map((r) => [r.templateId, r.credits]));
  const credits = { order_paid: 0, order_shipped: 0, new_order: 0 };
  for (const [topic, t] of topics) credits[topic] = t ? (byId.get(t.id) ?? 0) : 0;
  return { credits };
}

/** Spends one credit; false when there is none. The condition makes two senders unable to spend one credit twice. */
export async function spendCredit(services: Services, userId: Types.ObjectId, templateId: string): Promise<boolean> {
  const r = await services.models.SubscribeCredit.updateOne({ userId, templateId, credits: { $gte: 1 } }, { $inc: { credits: -1 } });
  return r.modifiedCount === 1;
}

/** Gives back a credit spent on a message that did not go out for a reason of ours or WeChat's. */
export async function refundCredit(services: Services, userId: Types.ObjectId, templateId: string): Promise<void> {
  await services.models.SubscribeCredit.updateOne({ userId, templateId }, { $inc: { credits: 1 } });
}

/** WeChat says the person has none left (43101): ours were stale, so they go to zero. */
export async function clearCredits(services: Services, userId: Types.ObjectId, templateId: string): Promise<void> {
  await services.models.SubscribeCredit.updateOne({ userId, templateId }, { $set: { credits: 0 } });
}
