// npm `prepare` (run by `npm ci` and `npm install`): builds the compact word-vector cache once, so
// that `tailor match` and the service never parse the 300 MB vectors file at start-up.
import { prepareWordVectorCache } from './word-vectors.ts';

const started = performance.now();
const prepared = prepareWordVectorCache();
if (!prepared) {
  process.stderr.write('tailor: word-vector package not installed; matching will run without word vectors.\n');
} else if (prepared.built) {
  process.stderr.write(`tailor: word-vector cache built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${prepared.file}\n`);
}
