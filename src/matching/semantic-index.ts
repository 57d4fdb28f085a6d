import { contentWords } from './text.ts';
import { dotAt, frequencyWeight, unitVector, type WordVectors } from './word-vectors.ts';

/** What the index keeps of the word vectors: one row per library term, and one per module. */
export interface SemanticIndex {
  readonly vectors: WordVectors;
  readonly dimensions: number;
  /** Library terms (stems) that have a vector, in row order of `termMatrix`. */
  readonly terms: readonly string[];
  /** Unit vector of each term: the mean direction of the words the library writes for it. */
  readonly termMatrix: Float32Array;
  /** Unit vector of each module (a zero row when none of its words has a vector). */
  readonly moduleMatrix: Float64Array;
}

/** The parts of the module index the semantic index is built from. */
interface IndexedText {
  readonly modules: readonly { readonly terms: ReadonlyMap<string, string> }[];
  readonly phrases: readonly { readonly module: number; readonly text: string }[];
}

/**
 * Builds the term and module vectors, once per library. A module's vector is the sum of its title's
 * and task phrases' directions (what it targets), each phrase the smooth-inverse-frequency weighted
 * sum of its word vectors, so frequent words ("provide", "information") barely move it. Undefined
 * when there are no vectors.
 */
export function buildSemanticIndex(library: IndexedText, vectors: WordVectors, smoothing: number): SemanticIndex | undefined {
  const dimensions = vectors.dimensions;
  if (dimensions === 0) return undefined;
  const formsByTerm = new Map<string, Set<string>>();
  for (const module of library.modules) {
    for (const [term, word] of module.terms) {
      const forms = formsByTerm.get(term) ?? new Set<string>();
      forms.add(word);
      formsByTerm.set(term, forms);
    }
  }
  const terms: string[] = [];
  const rows: Float32Array[] = [];
  for (const term of [...formsByTerm.keys()].sort()) {
    const sum = new Float32Array(dimensions);
    for (const word of [...formsByTerm.get(term)!].sort()) addScaled(sum, vectors.vectorOf(word), 1);
    const unit = unitVector(sum);
    if (!unit) continue;
    terms.push(term);
    rows.push(unit);
  }
  const termMatrix = new Float32Array(rows.length * dimensions);
  rows.forEach((row, i) => termMatrix.set(row, i * dimensions));
  // Float64, like the weighted word vectors it is multiplied with: one element type keeps the loop fast.
  const moduleMatrix = new Float64Array(library.modules.length * dimensions);
  // Each phrase (title or task phrase) enters its module's vector as a unit vector: every activity the
  // module targets counts alike, however many (or however rare) its words.
  const sums = library.modules.map(() => new Float32Array(dimensions));
  for (const phrase of library.phrases) {
    const sum = new Float32Array(dimensions);
    for (const word of contentWords(phrase.text)) {
      addScaled(sum, vectors.vectorOf(word), frequencyWeight(vectors.frequencyRank(word), smoothing));
    }
    addScaled(sums[phrase.module], unitVector(sum), 1);
  }
  sums.forEach((sum, module) => {
    const unit = unitVector(sum);
    if (unit) moduleMatrix.set(unit, module * dimensions);
  });
  return { vectors, dimensions, terms, termMatrix, moduleMatrix };
}

/**
 * The library terms whose vectors lie within `minCosine` of the word's (its own term excluded), at most
 * `maxNeighbours`, closest first (ties by term): `cosine` is in [minCosine, 1].
 */
export function nearestTerms(
  semantic: SemanticIndex,
  word: string,
  ownTerm: string,
  options: { readonly minCosine: number; readonly maxNeighbours: number },
): { term: string; cosine: number }[] {
  const vector = semantic.vectors.vectorOf(word);
  if (!vector || options.maxNeighbours <= 0) return [];
  const found: { term: string; cosine: number }[] = [];
  for (let row = 0; row < semantic.terms.length; row += 1) {
    const cosine = dotAt(vector, semantic.termMatrix, row * semantic.dimensions);
    if (cosine >= options.minCosine && semantic.terms[row] !== ownTerm) found.push({ term: semantic.terms[row], cosine: Math.min(1, cosine) });
  }
  found.sort((a, b) => b.cosine - a.cosine || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return found.slice(0, options.maxNeighbours);
}

/** The dot product of a unit word vector with every module's vector, in module order. */
export function moduleDotsOf(semantic: SemanticIndex, vector: Float64Array): Float64Array {
  const { dimensions, moduleMatrix } = semantic;
  const count = moduleMatrix.length / dimensions;
  const dots = new Float64Array(count);
  for (let module = 0, offset = 0; module < count; module += 1, offset += dimensions) {
    let dot = 0;
    for (let i = 0; i < dimensions; i += 1) dot += vector[i] * moduleMatrix[offset + i];
    dots[module] = dot;
  }
  return dots;
}

function addScaled(sum: Float32Array, vector: Float32Array | undefined, scale: number): void {
  if (!vector || scale === 0) return;
  for (let i = 0; i < sum.length; i += 1) sum[i] += scale * vector[i];
}
