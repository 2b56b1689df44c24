// An ordered set of strings kept as a list of small sorted blocks (a flat two-level B-tree):
// insert, delete and seek are O(log n + block size), so index maintenance stays cheap at
// 100k+ keys whatever order the keys arrive in.

const MAX_BLOCK = 512;

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export class SortedKeys {
  private blocks: string[][] = [];
  /** The last (largest) key of each block. */
  private maxes: string[] = [];
  private count = 0;

  get size(): number { return this.count; }

  private blockFor(key: string): number {
    const b = lowerBound(this.maxes, key);
    return b < this.blocks.length ? b : this.blocks.length - 1;
  }

  insert(key: string): void {
    if (this.blocks.length === 0) {
      this.blocks.push([key]);
      this.maxes.push(key);
      this.count = 1;
      return;
    }
    const b = this.blockFor(key);
    const block = this.blocks[b];
    const at = lowerBound(block, key);
    if (block[at] === key) return;
    block.splice(at, 0, key);
    this.count++;
    this.maxes[b] = block[block.length - 1];
    if (block.length > MAX_BLOCK) {
      const upper = block.splice(block.length >>> 1);
      this.blocks.splice(b + 1, 0, upper);
      this.maxes.splice(b, 1, block[block.length - 1], upper[upper.length - 1]);
    }
  }

  delete(key: string): void {
    if (this.blocks.length === 0) return;
    const b = this.blockFor(key);
    const block = this.blocks[b];
    const at = lowerBound(block, key);
    if (block[at] !== key) return;
    block.splice(at, 1);
    this.count--;
    if (block.length === 0) {
      this.blocks.splice(b, 1);
      this.maxes.splice(b, 1);
    } else {
      this.maxes[b] = block[block.length - 1];
    }
  }

  /** Keys k with lo <= k < hi, in order. */
  *range(lo: string, hi: string): Generator<string> {
    if (this.blocks.length === 0) return;
    let b = lowerBound(this.maxes, lo);
    if (b >= this.blocks.length) return;
    let i = lowerBound(this.blocks[b], lo);
    for (; b < this.blocks.length; b++, i = 0) {
      const block = this.blocks[b];
      for (; i < block.length; i++) {
        if (block[i] >= hi) return;
        yield block[i];
      }
    }
  }

  /** Keys k with lo <= k < hi, largest first. */
  *rangeDesc(lo: string, hi: string): Generator<string> {
    if (this.blocks.length === 0) return;
    let b = Math.min(lowerBound(this.maxes, hi), this.blocks.length - 1);
    let i = lowerBound(this.blocks[b], hi) - 1;
    for (; b >= 0; b--, i = b >= 0 ? this.blocks[b].length - 1 : 0) {
      const block = this.blocks[b];
      for (; i >= 0; i--) {
        if (block[i] < lo) return;
        yield block[i];
      }
    }
  }

  clear(): void {
    this.blocks = [];
    this.maxes = [];
    this.count = 0;
  }
}
