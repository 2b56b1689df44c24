// The data-directory lock: a mongod.lock file holding the owner's pid, so two servers
// (in one process or several) never open the same directory. A lock left by a process that
// no longer exists (kill -9) is taken over.
import fs from 'node:fs';
import path from 'node:path';

const heldInProcess = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {}

export function acquireLock(dir: string): () => void {
  const file = path.join(dir, 'mongod.lock');
  const resolved = path.resolve(dir);
  if (heldInProcess.has(resolved)) {
    throw new DataDirLockedError(`embedded-mongo: data directory ${resolved} is already in use by another server in this process (${file})`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      heldInProcess.add(resolved);
      return () => {
        heldInProcess.delete(resolved);
        try { fs.unlinkSync(file); } catch { /* already gone */ }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirLockedError(`embedded-mongo: data directory ${resolved} is locked by running process ${pid} (${file}); stop that server or use another --dbpath (if process ${pid} is not an embedded-mongo server, delete the lock file)`);
      }
      fs.unlinkSync(file); // stale lock from a process that is gone
    }
  }
  throw new DataDirLockedError(`embedded-mongo: could not acquire ${file}`);
}
