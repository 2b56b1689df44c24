// `npm run dev`: Taro's H5 dev server (rebuilds on every change, on http://localhost:10086) forwarding
// API calls to the server, which restarts on every change of its own code.
import { spawn } from 'node:child_process';

const port = process.env.PORT || '3000';
const apiBase = process.env.TARO_APP_API_BASE || `http://localhost:${port}`;

const children = [
  spawn('npm', ['run', 'dev:h5'], { stdio: 'inherit', env: { ...process.env, TARO_APP_API_BASE: apiBase } }),
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: port, LOG_LEVEL: process.env.LOG_LEVEL ?? 'debug' },
  }),
];
process.stdout.write(`\nDevelopment: open http://localhost:10086/ (live H5 build); the API runs on ${apiBase}\n\n`);
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((c) => c.on('exit', (code) => code && process.exit(code)));
