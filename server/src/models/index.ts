// All models, bound to one mongoose connection (tests run several apps, each on its own database).
import type { Connection } from 'mongoose';
import { defineUserModel } from './user';
import { defineSessionModel } from './session';

export function createModels(conn: Connection) {
  return {
    User: defineUserModel(conn),
    Session: defineSessionModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
