/** A text as a unit-length sparse vector: term → weight. */
export type SparseVector = ReadonlyMap<string, number>;

/**
 * Average-linkage agglomerative clustering of unit vectors by cosine similarity, stopped at
 * `threshold`: the result is the same as repeatedly merging the two most similar clusters while
 * their similarity (the size-weighted mean over member pairs) reaches the threshold.
 *
 * It runs the nearest-neighbour chain algorithm (O(n²) time, an n × n matrix): average linkage is
 * reducible, so merging mutual nearest neighbours in any order yields the same dendrogram. A point
 * whose nearest neighbour is under the threshold can never join anything later (merges only average
 * similarities), so it is closed at once. Vectors beyond `cap` are not clustered but join the cluster
 * whose centroid is most similar (if it reaches the threshold), or stand alone.
 *
 * Returns clusters as sorted lists of vector indexes, ordered by their smallest index.
 */
export function clusterByAverageLinkage(vectors: readonly SparseVector[], sizes: readonly number[], threshold: number, cap: number): number[][] {
  const n = Math.min(vectors.length, cap);
  const members = Array.from({ length: n }, (_v, i) => [i]);
  const weight = sizes.slice(0, n);
  const similarity = similarityMatrix(vectors, n);
  const isActive = new Uint8Array(n).fill(1);
  const closed: number[] = [];
  let activeCount = n;
  const chain: number[] = [];

  while (activeCount > 0) {
    if (chain.length === 0) chain.push(isActive.indexOf(1));
    const a = chain[chain.length - 1];
    const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
    let best = -1;
    let bestSimilarity = -Infinity;
    for (let b = 0; b < n; b += 1) {
      if (b === a || !isActive[b]) continue;
      const s = similarity[a * n + b];
      // Ties keep the chain's previous element, which guarantees the chain ends in a mutual pair.
      if (s > bestSimilarity || (s === bestSimilarity && b === previous)) {
        best = b;
        bestSimilarity = s;
      }
    }
    if (best < 0 || bestSimilarity < threshold) {
      chain.pop();
      isActive[a] = 0;
      activeCount -= 1;
      closed.push(a);
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    const [keep, gone] = a < best ? [a, best] : [best, a];
    for (let k = 0; k < n; k += 1) {
      if (!isActive[k] || k === keep || k === gone) continue;
      const merged = (weight[keep] * similarity[k * n + keep] + weight[gone] * similarity[k * n + gone]) / (weight[keep] + weight[gone]);
      similarity[k * n + keep] = merged;
      similarity[keep * n + k] = merged;
    }
    weight[keep] += weight[gone];
    members[keep].push(...members[gone]);
    isActive[gone] = 0;
    activeCount -= 1;
  }

  const clusters = closed.map((root) => members[root].sort((x, y) => x - y));
  attachOverflow(vectors, sizes, n, clusters, threshold);
  return clusters.sort((x, y) => x[0] - y[0]);
}

function similarityMatrix(vectors: readonly SparseVector[], n: number): Float64Array {
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    matrix[i * n + i] = 1;
    for (let j = i + 1; j < n; j += 1) {
      const s = cosine(vectors[i], vectors[j]);
      matrix[i * n + j] = s;
      matrix[j * n + i] = s;
    }
  }
  return matrix;
}

function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, value] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += value * other;
  }
  return dot;
}

/** Vectors past the cap join the most similar cluster centroid, or form their own cluster. */
function attachOverflow(vectors: readonly SparseVector[], sizes: readonly number[], n: number, clusters: number[][], threshold: number): void {
  if (vectors.length <= n) return;
  const centroids = clusters.map((cluster) => centroid(cluster.map((i) => vectors[i]), cluster.map((i) => sizes[i])));
  for (let i = n; i < vectors.length; i += 1) {
    let best = -1;
    let bestSimilarity = threshold;
    centroids.forEach((c, k) => {
      const s = cosine(vectors[i], c);
      if (s >= bestSimilarity && (best < 0 || s > bestSimilarity)) {
        best = k;
        bestSimilarity = s;
      }
    });
    if (best >= 0) clusters[best].push(i);
    else clusters.push([i]);
  }
}

function centroid(vectors: SparseVector[], sizes: number[]): SparseVector {
  const sum = new Map<string, number>();
  vectors.forEach((vector, i) => {
    for (const [term, value] of vector) sum.set(term, (sum.get(term) ?? 0) + value * sizes[i]);
  });
  const norm = Math.sqrt([...sum.values()].reduce((total, v) => total + v * v, 0)) || 1;
  return new Map([...sum].map(([term, value]) => [term, value / norm]));
}
