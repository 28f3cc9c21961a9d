// Class names (folder names, a CSV's label column) → label targets. Pure core, no imports.

/** Names meaning "no disease": with one other class, that class becomes a single binary label. */
const NORMAL_CLASS = /^(normal|negative|healthy|no[ _-]?finding)$/i;

export interface ClassEncoding {
  labels: string[];
  /** Target vector of one class name (one of those the encoding was built from). */
  encode(className: string): number[];
  /** The normal-like class a single binary label's 0 stands for ("NORMAL"), when there is one. */
  negativeClass?: string;
}

/**
 * Two classes, one of them normal-like (NORMAL, negative, …) → one binary label named after the
 * other (`PNEUMONIA`: 1 = pneumonia), the form the studio trains and evaluates with ROC AUC.
 * Otherwise one-hot over the classes in sorted order, so the order does not depend on file order.
 */
export function encodeClasses(classNames: Iterable<string>): ClassEncoding {
  const classes = [...new Set(classNames)].sort();
  const normal = classes.filter((name) => NORMAL_CLASS.test(name));
  const disease = classes.find((name) => !NORMAL_CLASS.test(name));
  if (classes.length === 2 && normal.length === 1 && disease !== undefined) {
    const negativeClass = normal[0] as string;
    return { labels: [disease], encode: (name) => [name === disease ? 1 : 0], negativeClass };
  }
  return { labels: classes, encode: (name) => classes.map((other) => (other === name ? 1 : 0)) };
}
