// Changing a person's own profile.
import type { UpdateMeRequest } from '../../../contract/users';
import type { Services } from '../services';
import type { UserDoc } from '../models/user';
import { renderAvatar } from './images';

export async function updateProfile(services: Services, user: UserDoc, changes: UpdateMeRequest): Promise<UserDoc> {
  if (changes.nickname === undefined) return user;
  const updated = await services.models.User.findByIdAndUpdate(user._id, { $set: { nickname: changes.nickname } }, { new: true });
  return updated ?? user;
}

export async function setAvatar(services: Services, user: UserDoc, bytes: Buffer): Promise<UserDoc> {
  const avatar = await renderAvatar(bytes, 'file');
  const stored = await services.files.put(avatar, 'image/jpeg');
  const updated = await services.models.User.findByIdAndUpdate(user._id, { $set: { avatarFileId: stored.id } }, { new: true });
  return updated ?? user;
}
