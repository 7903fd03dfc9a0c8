/**
 * A text classifier: multinomial logistic regression over TF-IDF features of a message (its words, pairs of
 * neighbouring words, and 3-5 letter pieces of each word), trained by full-batch Adam with a little L2.
 * @remarks Why hand-written: on real people's questions the bot never trained on (5-fold cross-validation over
 * the corpus's real phrasings, folds split by thread, the written rows always in training) it is right about
 * 81% of the time in English, fastText (fasttext.wasm, whose wrapper does not expose training) 74-78% and
 * nlp.js's classifier 61%; no maintained npm package offers sparse multinomial logistic regression (the ones
 * that do logistic regression take dense matrices: 1,100 messages x 21,000 features). The letter pieces are
 * what makes it generalise: "licence"/"licensing", "tenant"/"tenants", typos. Probabilities, not 1.00 for any
 * word seen once: a message with no feature the corpus has gets the labels' prior, about 1/8 each.
 * Training takes seconds, so a trained model is saved (see topicModels.ts) and loads in milliseconds.
 */

export interface Example {
  text: string;
  label: string;
}

export interface Scored {
  label: string;
  score: number;
}

export interface ClassifierOptions {
  /** Adam steps over the whole training set. */
  iterations: number;
  learningRate: number;
  /** L2 penalty per weight (the loss is the mean log-loss plus l2/2 * |W|^2). */
  l2: number;
  /** A feature must occur in at least this many training messages to be kept. */
  minDocuments: number;
}

/**
 * Chosen by the cross-validation above: 100 steps at 0.3 score as 300 at 0.1 in a third of the time; 50 steps, or
 * dropping the features seen once, cost 1-2 points; an L2 of 1e-4 or 1e-6 did no better.
 */
export const DEFAULT_OPTIONS: ClassifierOptions = { iterations: 100, learningRate: 0.3, l2: 1e-5, minDocuments: 1 };

/** What toJSON() writes: plain JSON, the numbers as base64 of 32-bit floats (a fifth of the size as text). */
export interface SavedClassifier {
  labels: string[];
  features: string[];
  idf: string;
  /** features.length + 1 rows (the last is the bias) of labels.length weights. */
  weights: string;
}

/** Lowercase letters and digits, without accents: "Wie is m'n béheerder?" → wie, is, m, n, beheerder. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Longer "words" give no pieces (see featuresOf). */
const LONGEST_WORD = 40;

/** The features of a text: w:word, b:word_next, c:<piece of a word> (the word padded with < and >). */
export function featuresOf(text: string): string[] {
  const words = wordsOf(text);
  const features = words.map((word) => `w:${word}`);
  for (let i = 1; i < words.length; i++) features.push(`b:${words[i - 1]}_${words[i]}`);
  for (const word of words) {
    // No word is this long: a run of one key or a pasted blob would drown the message's words in its pieces.
    if (word.length > LONGEST_WORD) continue;
    const padded = `<${word}>`;
    for (let size = 3; size <= 5; size++) for (let start = 0; start + size <= padded.length; start++) features.push(`c:${padded.slice(start, start + size)}`);
  }
  return features;
}

/** A message as the model sees it: the indexes of its known features and their TF-IDF weights (unit length). */
interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

export class TextClassifier {
  private readonly classes: number;

  private constructor(
    readonly labels: readonly string[],
    private readonly featureIndex: ReadonlyMap<string, number>,
    private readonly idf: Float32Array | Float64Array,
    /** Row f holds feature f's weight for each label; the last row is the bias. */
    private readonly weights: Float32Array | Float64Array,
  ) {
    this.classes = labels.length;
  }

  static train(examples: readonly Example[], options: ClassifierOptions = DEFAULT_OPTIONS): TextClassifier {
    const labels = [...new Set(examples.map((example) => example.label))].sort();
    const featureSets = examples.map((example) => new Set(featuresOf(example.text)));
    const documents = new Map<string, number>();
    for (const features of featureSets) for (const feature of features) documents.set(feature, (documents.get(feature) ?? 0) + 1);
    const featureIndex = new Map<string, number>();
    for (const [feature, count] of documents) if (count >= options.minDocuments) featureIndex.set(feature, featureIndex.size);
    // Smoothed inverse document frequency: a feature in every message weighs 1, a rare one up to ln(n) + 1.
    const idf = new Float64Array(featureIndex.size);
    for (const [feature, index] of featureIndex) idf[index] = Math.log((1 + examples.length) / (1 + (documents.get(feature) ?? 0))) + 1;
    const weights = new Float64Array((featureIndex.size + 1) * labels.length);
    // The bias is each label's log share of the examples and is not trained: a message with no known feature gets
    // the labels' prior (1/8 each for a balanced corpus), not whatever the training left in the bias.
    labels.forEach((label, k) => (weights[featureIndex.size * labels.length + k] = Math.log(examples.filter((example) => example.label === label).length / examples.length)));
    const model = new TextClassifier(labels, featureIndex, idf, weights);
    model.fit(
      examples.map((example) => model.vectorize(example.text)),
      examples.map((example) => labels.indexOf(example.label)),
      options,
    );
    return model;
  }

  static fromJSON(saved: SavedClassifier): TextClassifier {
    const idf = fromBase64(saved.idf);
    const weights = fromBase64(saved.weights);
    if (idf.length !== saved.features.length || weights.length !== (saved.features.length + 1) * saved.labels.length) {
      throw new Error('TextClassifier.fromJSON(): the saved model is inconsistent');
    }
    return new TextClassifier(saved.labels, new Map(saved.features.map((feature, index) => [feature, index])), idf, weights);
  }

  toJSON(): SavedClassifier {
    return { labels: [...this.labels], features: [...this.featureIndex.keys()], idf: toBase64(this.idf), weights: toBase64(this.weights) };
  }

  /** Every label with its probability, likeliest first. */
  classify(text: string): Scored[] {
    const probabilities = this.probabilities(this.vectorize(text));
    return this.labels.map((label, k) => ({ label, score: probabilities[k] ?? 0 })).sort((a, b) => b.score - a.score);
  }

  /** How many of the text's features the model knows (0: it can only answer the labels' prior). */
  knownFeatures(text: string): number {
    return this.vectorize(text).index.length;
  }

  private vectorize(text: string): SparseVector {
    const counts = new Map<number, number>();
    for (const feature of featuresOf(text)) {
      const index = this.featureIndex.get(feature);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    const index = Int32Array.from(counts.keys());
    const value = new Float64Array(index.length);
    let squares = 0;
    index.forEach((feature, i) => {
      // Sublinear: a long message that repeats a word is not that much surer of it.
      const weight = (1 + Math.log(counts.get(feature) ?? 1)) * (this.idf[feature] ?? 0);
      value[i] = weight;
      squares += weight * weight;
    });
    const norm = Math.sqrt(squares) || 1;
    for (let i = 0; i < value.length; i++) value[i] = (value[i] ?? 0) / norm;
    return { index, value };
  }

  /** Softmax of the labels' scores, into `out`. */
  private probabilities(vector: SparseVector, out = new Float64Array(this.classes)): Float64Array {
    const k = this.classes;
    const bias = this.featureIndex.size * k;
    for (let c = 0; c < k; c++) out[c] = this.weights[bias + c] ?? 0;
    for (let i = 0; i < vector.index.length; i++) {
      const row = (vector.index[i] ?? 0) * k;
      const x = vector.value[i] ?? 0;
      for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) + (this.weights[row + c] ?? 0) * x;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, out[c] ?? 0);
    let total = 0;
    for (let c = 0; c < k; c++) total += out[c] = Math.exp((out[c] ?? 0) - max);
    for (let c = 0; c < k; c++) out[c] = (out[c] ?? 0) / total;
    return out;
  }

  /** Full-batch Adam on the mean log-loss plus L2; the bias stays the prior. */
  private fit(vectors: readonly SparseVector[], targets: readonly number[], { iterations, learningRate, l2 }: ClassifierOptions): void {
    const w = this.weights;
    const k = this.classes;
    const bias = this.featureIndex.size * k;
    const gradient = new Float64Array(bias);
    const m = new Float64Array(bias);
    const v = new Float64Array(bias);
    const p = new Float64Array(k);
    const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
    for (let step = 1; step <= iterations; step++) {
      for (let j = 0; j < bias; j++) gradient[j] = l2 * (w[j] ?? 0);
      vectors.forEach((vector, n) => {
        this.probabilities(vector, p);
        for (let c = 0; c < k; c++) p[c] = ((p[c] ?? 0) - (c === targets[n] ? 1 : 0)) / vectors.length;
        for (let i = 0; i < vector.index.length; i++) {
          const row = (vector.index[i] ?? 0) * k;
          const x = vector.value[i] ?? 0;
          for (let c = 0; c < k; c++) gradient[row + c] = (gradient[row + c] ?? 0) + (p[c] ?? 0) * x;
        }
      });
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      for (let j = 0; j < bias; j++) {
        const g = gradient[j] ?? 0;
        const mj = (m[j] = beta1 * (m[j] ?? 0) + (1 - beta1) * g);
        const vj = (v[j] = beta2 * (v[j] ?? 0) + (1 - beta2) * g * g);
        w[j] = (w[j] ?? 0) - (learningRate * (mj / correction1)) / (Math.sqrt(vj / correction2) + epsilon);
      }
    }
  }
}

function toBase64(numbers: Float32Array | Float64Array): string {
  const floats = Float32Array.from(numbers);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // Copied so the floats are aligned (a Buffer from base64 may start at any byte of a shared pool).
  const aligned = new Uint8Array(bytes.length);
  aligned.set(bytes);
  return new Float32Array(aligned.buffer, 0, Math.floor(bytes.length / 4));
}
