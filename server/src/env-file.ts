// Reads `.env` from the working directory when there is one, so local settings (a real
// MONGODB_URI, WeChat credentials) need not be typed on every start. Variables already set in
// the environment win over the file.
import fs from 'node:fs';
import path from 'node:path';

export function loadEnvFile(file = path.resolve('.env')): boolean {
  if (!fs.existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
