// All models, bound to one mongoose connection (tests run several apps, each on its own database).
import type { Connection } from 'mongoose';
import { defineUserModel } from './user';
import { defineSessionModel } from './session';
import { defineShopModel } from './shop';
import { defineProductModel } from './product';
import { definePhotoModel } from './photo';
import { defineShareSceneModel } from './share-scene';
import { defineIdempotencyKeyModel } from './idempotency-key';
import { defineOrderModel } from './order';
import { defineCustomerModel } from './customer';
import { defineAddressModel } from './address';
import { defineSubscribeCreditModel } from './subscribe-credit';
import { definePaymentIncidentModel } from './payment-incident';

export function createModels(conn: Connection) {
  return {
    User: defineUserModel(conn),
    Session: defineSessionModel(conn),
    Shop: defineShopModel(conn),
    Product: defineProductModel(conn),
    Photo: definePhotoModel(conn),
    ShareScene: defineShareSceneModel(conn),
    IdempotencyKey: defineIdempotencyKeyModel(conn),
    Order: defineOrderModel(conn),
    Customer: defineCustomerModel(conn),
    Address: defineAddressModel(conn),
    SubscribeCredit: defineSubscribeCreditModel(conn),
    PaymentIncident: definePaymentIncidentModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
