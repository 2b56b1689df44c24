// `npm start`: build the H5 app and the WeChat bundle if they are missing or stale, then run the server.
import path from 'node:path';
import { ensureBuilt, outputDir } from './ensure-built';

ensureBuilt('h5');
ensureBuilt('weapp');
process.stdout.write(`WeChat mini-program bundle: ${path.relative(process.cwd(), outputDir('weapp'))} (open that folder in WeChat DevTools)\n`);
void import('../server/src/main');
