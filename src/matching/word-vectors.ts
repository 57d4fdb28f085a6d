/**
 * General-English word vectors (distributional semantics), handed in as data so matching stays pure:
 * the library component backs them with GloVe vectors read from a compact cache; tests pass a few
 * hand-made ones. Words that occur in similar contexts ("confer", "discuss") get nearby vectors,
 * which lets a task word reach a module word that WordNet does not relate to it.
 */
export interface WordVectors {
  /** Length of every vector. */
  readonly dimensions: number;
  /** The word's vector scaled to unit length, or undefined for an unknown word. Must be deterministic. */
  vectorOf(word: string): Float32Array | undefined;
  /**
   * The word's position in general-English frequency order (0 = most frequent), or undefined when unknown:
   * frequent words say little about what a task is about, so the semantic channel weighs them down.
   */
  frequencyRank(word: string): number | undefined;
}

/** Vectors for no word: the matcher then runs on its lexical channels alone. */
export const NO_WORD_VECTORS: WordVectors = { dimensions: 0, vectorOf: () => undefined, frequencyRank: () => undefined };

/**
 * Word vectors from a plain map, for tests and small fixed vocabularies. Vectors are scaled to unit
 * length here; the map's insertion order stands for frequency order.
 */
export function wordVectorsFromMap(map: ReadonlyMap<string, readonly number[]>): WordVectors {
  const vectors = new Map<string, Float32Array>();
  const ranks = new Map<string, number>();
  let dimensions = 0;
  for (const [word, values] of map) {
    dimensions = values.length;
    const vector = unitVector(Float32Array.from(values));
    if (vector) vectors.set(word, vector);
    ranks.set(word, ranks.size);
  }
  return { dimensions, vectorOf: (word) => vectors.get(word), frequencyRank: (word) => ranks.get(word) };
}

/** The vector scaled to unit length (a new array), or undefined for the zero vector. */
export function unitVector(values: Float32Array): Float32Array | undefined {
  let norm = 0;
  for (let i = 0; i < values.length; i += 1) norm += values[i] * values[i];
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  const unit = new Float32Array(values.length);
  for (let i = 0; i < values.length; i += 1) unit[i] = values[i] * scale;
  return unit;
}

/** Dot product of `a` with the row of `matrix` that starts at `offset` (both `a.length` long). */
export function dotAt(a: Float32Array | Float64Array, matrix: Float32Array, offset: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i] * matrix[offset + i];
  return sum;
}

/**
 * Smooth-inverse-frequency weight of a word (Arora et al., 2017): a / (a + p(w)), with p(w) estimated
 * from the word's frequency rank by Zipf's law (p ≈ 0.1 / rank). Rare words weigh about 1, the most
 * frequent ones almost 0; a word the vectors do not know is treated as rare.
 */
export function frequencyWeight(rank: number | undefined, smoothing: number): number {
  if (rank === undefined) return 1;
  const probability = ZIPF_CONSTANT / (rank + ZIPF_OFFSET);
  return smoothing / (smoothing + probability);
}

/** Zipf's law for English: the word of rank r has a probability of about 0.1 / r (offset keeps rank 0 finite). */
const ZIPF_CONSTANT = 0.1;
const ZIPF_OFFSET = 10;
