// A worker thread starts without its parent's TypeScript loader: register tsx there, then run the store.
import { register } from 'tsx/esm/api';

register();
await import('./store-thread-main.ts');
