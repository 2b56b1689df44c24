// $inc and $mul with mongod's number types: int32 with int32 stays int32 until it overflows,
// then becomes int64 (a bson `Long`); int64 stays int64; anything with a double is a double.
// An int64 overflow fails instead of wrapping. Stored numbers are promoted JavaScript numbers
// (an integer in int32 range is an int32, any other number a double) or `Long`s.
import { Decimal128, Double, Int32, Long } from 'bson';
import { badValue, notSupported } from '../errors';
import { shellValue } from './bson-types';

type NumberKind = 'int' | 'long' | 'double';

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function kindOf(v: unknown): NumberKind {
  if (v instanceof Long) return 'long';
  if (v instanceof Int32) return 'int';
  if (v instanceof Double) return 'double';
  if (v instanceof Decimal128) throw notSupported('Arithmetic on Decimal128');
  const n = v as number;
  return Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff ? 'int' : 'double';
}

function asBigInt(v: unknown): bigint {
  return v instanceof Long ? v.toBigInt() : BigInt(Number(v));
}

function asNumber(v: unknown): number {
  return v instanceof Long ? v.toNumber() : Number(v);
}

/** The stored form of an integer result: a plain number for int32, a Long for int64. */
function integerResult(r: bigint, kind: 'int' | 'long'): unknown {
  if (kind === 'int' && r >= INT32_MIN && r <= INT32_MAX) return Number(r);
  return Long.fromBigInt(r);
}

/**
 * `current op arg` for $inc (`+`) or $mul (`*`), typed as mongod types it. `current` is
 * undefined for a missing field: $inc then stores the argument, $mul a zero of its type.
 */
export function applyArithmetic(op: '$inc' | '$mul', current: unknown, arg: unknown, describe: () => string): unknown {
  const argKind = kindOf(arg);
  if (current === undefined) {
    if (op === '$inc') return arg instanceof Int32 || arg instanceof Double ? arg.valueOf() : arg;
    return argKind === 'long' ? Long.fromNumber(0) : 0;
  }
  const kind = kindOf(current);
  if (kind === 'double' || argKind === 'double') {
    return op === '$inc' ? asNumber(current) + asNumber(arg) : asNumber(current) * asNumber(arg);
  }
  const r = op === '$inc' ? asBigInt(current) + asBigInt(arg) : asBigInt(current) * asBigInt(arg);
  if (r < INT64_MIN || r > INT64_MAX) {
    throw badValue(`Failed to apply ${op} operations to current value (${shellValue(current)}) for document ${describe()}`);
  }
  return integerResult(r, kind === 'long' || argKind === 'long' ? 'long' : 'int');
}
