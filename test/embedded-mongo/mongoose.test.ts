// mongoose 8 against the server: schema indexes, validation, duplicate-key errors as
// mongoose reports them, populate, lean queries and conditional atomic updates.
import mongoose, { Schema, type Connection } from 'mongoose';
import { openTarget, type Target } from './target';

let t: Target;
let conn: Connection;

const productSchema = new Schema({
  shop: { type: String, required: true },
  sku: { type: String, required: true },
  name: String,
  stock: { type: Number, min: 0, default: 0 },
  tags: [String],
}, { timestamps: true });
productSchema.index({ shop: 1, sku: 1 }, { unique: true });

const userSchema = new Schema({ openid: { type: String, unique: true, required: true }, nickname: String });
const orderSchema = new Schema({
  buyer: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  lines: [{ product: { type: Schema.Types.ObjectId, ref: 'Product' }, qty: Number }],
  status: { type: String, enum: ['unpaid', 'paid'], default: 'unpaid' },
});

beforeAll(async () => {
  t = await openTarget('mongoose');
  conn = await mongoose.createConnection(t.uri).asPromise();
  conn.model('Product', productSchema);
  conn.model('User', userSchema);
  conn.model('Order', orderSchema);
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
});
afterAll(async () => {
  await conn.close();
  await t.close();
});

it('creates collections and declared indexes', async () => {
  const names = (await conn.db!.listCollections().toArray()).map((c) => c.name).sort();
  expect(names).toEqual(expect.arrayContaining(['orders', 'products', 'users']));
  const idx = await conn.model('Product').listIndexes();
  expect(idx.map((i) => i.name)).toEqual(['_id_', 'shop_1_sku_1']);
});

it('create with a duplicate unique key fails with 11000 and keyValue', async () => {
  const User = conn.model('User');
  await User.create({ openid: 'o-1', nickname: 'a' });
  await expect(User.create({ openid: 'o-1', nickname: 'b' })).rejects.toMatchObject({ code: 11000, keyValue: { openid: 'o-1' } });
  const Product = conn.model('Product');
  await Product.create({ shop: 's', sku: 'k' });
  await expect(Product.insertMany([{ shop: 's', sku: 'k2' }, { shop: 's', sku: 'k' }])).rejects.toMatchObject({ code: 11000 });
  await expect(Product.findOneAndUpdate({ sku: 'nothing' }, { $set: { shop: 's', sku: 'k' } }, { upsert: true })).rejects.toMatchObject({ code: 11000 });
});

it('timestamps, defaults and lean reads round-trip', async () => {
  const Product = conn.model('Product');
  const p = await Product.create({ shop: 'ts', sku: 'a', name: 'Green tea', tags: ['tea'] });
  const found = await Product.findById(p._id).lean<{ stock: number; createdAt: Date; tags: string[] }>();
  expect(found?.stock).toBe(0);
  expect(found?.createdAt).toBeInstanceOf(Date);
  expect(found?.tags).toEqual(['tea']);
});

it('populate resolves references', async () => {
  const User = conn.model('User');
  const Product = conn.model('Product');
  const Order = conn.model('Order');
  const buyer = await User.create({ openid: 'o-pop', nickname: 'Zhang' });
  const prod = await Product.create({ shop: 'pop', sku: 'rice', name: 'Rice' });
  const order = await Order.create({ buyer: buyer._id, lines: [{ product: prod._id, qty: 2 }] });
  const loaded = await Order.findById(order._id).populate('buyer').populate('lines.product').lean<{ buyer: { nickname: string }; lines: Array<{ product: { name: string } }> }>();
  expect(loaded?.buyer.nickname).toBe('Zhang');
  expect(loaded?.lines[0].product.name).toBe('Rice');
});

it('conditional atomic decrement never goes below zero', async () => {
  const Product = conn.model('Product');
  const p = await Product.create({ shop: 'dec', sku: 'x', stock: 3 });
  const first = await Product.findOneAndUpdate({ _id: p._id, stock: { $gte: 2 } }, { $inc: { stock: -2 } }, { new: true });
  expect(first?.get('stock')).toBe(1);
  const second = await Product.findOneAndUpdate({ _id: p._id, stock: { $gte: 2 } }, { $inc: { stock: -2 } }, { new: true });
  expect(second).toBeNull();
});

it('save() of a modified document updates only changed paths; version key increments on arrays', async () => {
  const Product = conn.model('Product');
  const p = await Product.create({ shop: 'save', sku: 'x', tags: ['a'] });
  p.set('name', 'renamed');
  (p.get('tags') as string[]).push('b');
  await p.save();
  const again = await Product.findById(p._id).lean<{ name: string; tags: string[]; __v: number }>();
  expect(again?.name).toBe('renamed');
  expect(again?.tags).toEqual(['a', 'b']);
  expect(again?.__v).toBe(1);
});

it('aggregate and countDocuments through models', async () => {
  const Order = conn.model('Order');
  const n = await Order.countDocuments({ status: 'unpaid' });
  const [agg] = await Order.aggregate([{ $match: { status: 'unpaid' } }, { $count: 'n' }]);
  expect(agg.n).toBe(n);
});
