// Uploads shipping information WeChat does not have yet (a failed first try, a crash in between).
// uploadOrderShipping claims each order, so several instances never upload one twice at once.
import type { Services } from '../services';
import { uploadOrderShipping } from '../domain/shipping-upload';

export const UPLOAD_BATCH = 100;

export async function uploadDueShippingInfo(services: Services): Promise<number> {
  const due = await services.models.Order.find({ 'shippingUpload.state': 'pending', 'shippingUpload.nextAt': { $lte: services.now() } }, { _id: 1 })
    .limit(UPLOAD_BATCH)
    .lean();
  let uploaded = 0;
  for (const { _id } of due) if ((await uploadOrderShipping(services, _id)) === 'uploaded') uploaded += 1;
  return uploaded;
}
