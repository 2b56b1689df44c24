// Users as the API shows them, and the requests that change them.
import { z } from './openapi';
import { NICKNAME_MAX } from './limits';

export const Role = z.enum(['buyer', 'seller', 'operator']);
export type Role = z.infer<typeof Role>;

export const UserView = z
  .object({
    id: z.string(),
    nickname: z.string(),
    avatarUrl: z.string().nullable(),
    roles: z.array(Role),
    createdAt: z.string().datetime(),
  })
  .openapi('User');
export type UserView = z.infer<typeof UserView>;

export { NICKNAME_MAX };

export const UpdateMeRequest = z
  .object({
    nickname: z.string().trim().min(1).max(NICKNAME_MAX).optional(),
  })
  .strict()
  .openapi('UpdateMeRequest');
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;
