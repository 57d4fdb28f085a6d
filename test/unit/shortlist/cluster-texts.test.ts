import { expect } from 'chai';
import { clusterByAverageLinkage, type SparseVector } from '../../../src/shortlist/domain/cluster-texts.ts';

/** A small deterministic generator, so the property below checks the same cases every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function randomVectors(count: number, vocabulary: number, next: () => number): SparseVector[] {
  return Array.from({ length: count }, () => {
    const terms = new Map<string, number>();
    const size = 1 + Math.floor(next() * 4);
    for (let i = 0; i < size; i += 1) terms.set(`w${Math.floor(next() * vocabulary)}`, 0.5 + next());
    const norm = Math.sqrt([...terms.values()].reduce((s, v) => s + v * v, 0));
    return new Map([...terms].map(([t, v]) => [t, v / norm]));
  });
}

/** The textbook algorithm: merge the most similar pair (average linkage) while it reaches the threshold. */
function greedyClusters(vectors: SparseVector[], sizes: number[], threshold: number): number[][] {
  const cosine = (a: SparseVector, b: SparseVector) => [...a].reduce((s, [t, v]) => s + v * (b.get(t) ?? 0), 0);
  const clusters = vectors.map((_v, i) => [i]);
  const linkage = (x: number[], y: number[]) => {
    let total = 0;
    let weight = 0;
    for (const i of x) for (const j of y) {
      total += sizes[i] * sizes[j] * cosine(vectors[i], vectors[j]);
      weight += sizes[i] * sizes[j];
    }
    return total / weight;
  };
  for (;;) {
    let best: [number, number] | undefined;
    let bestSimilarity = threshold;
    for (let a = 0; a < clusters.length; a += 1) for (let b = a + 1; b < clusters.length; b += 1) {
      const s = linkage(clusters[a], clusters[b]);
      if (s > bestSimilarity + 1e-12 || (!best && s >= threshold)) {
        best = [a, b];
        bestSimilarity = s;
      }
    }
    if (!best) break;
    clusters[best[0]] = [...clusters[best[0]], ...clusters[best[1]]].sort((x, y) => x - y);
    clusters.splice(best[1], 1);
  }
  return clusters.sort((x, y) => x[0] - y[0]);
}

describe('clusterByAverageLinkage', () => {
  it('when compared with merging the most similar pair step by step, then it finds the same clusters', () => {
    const next = random(42);
    for (let run = 0; run < 40; run += 1) {
      const vectors = randomVectors(5 + Math.floor(next() * 25), 12, next);
      const sizes = vectors.map(() => 1 + Math.floor(next() * 3));
      const threshold = 0.2 + next() * 0.5;

      const fast = clusterByAverageLinkage(vectors, sizes, threshold, 1000);

      expect(fast, `run ${run}`).to.deep.equal(greedyClusters(vectors, sizes, threshold));
    }
  });

  it('when nothing reaches the threshold, then every vector is a cluster of its own', () => {
    const vectors = [new Map([['a', 1]]), new Map([['b', 1]]), new Map([['c', 1]])];

    expect(clusterByAverageLinkage(vectors, [1, 1, 1], 0.3, 1000)).to.deep.equal([[0], [1], [2]]);
  });

  it('when there are more vectors than the cap, then the rest join the closest cluster or stand alone', () => {
    const vectors = [new Map([['a', 1]]), new Map([['a', 1]]), new Map([['a', 0.8], ['b', 0.6]]), new Map([['z', 1]])];

    const clusters = clusterByAverageLinkage(vectors, [1, 1, 1, 1], 0.5, 2);

    expect(clusters).to.deep.equal([[0, 1, 2], [3]]);
  });
});
