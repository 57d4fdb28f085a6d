/**
 * Holds the first call of `target[method]` made from now on, after it has done its work (or, with
 * `holdBefore`, before it starts), until `open()`: a test can then act while a use case is part-way
 * through. `restore()` puts the method back (needed when `target` outlives the test, as the shared
 * module catalogue does).
 */
export function gateFirstCall<T extends object>(target: T, method: keyof T & string, options: { holdBefore?: boolean } = {}) {
  const own = Object.prototype.hasOwnProperty.call(target, method);
  const before = (target as Record<string, unknown>)[method];
  const original = (before as (...args: unknown[]) => unknown).bind(target);
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const gate = {
    callCount: 0,
    open,
    reached,
    restore: () => {
      if (own) (target as Record<string, unknown>)[method] = before;
      else delete (target as Record<string, unknown>)[method];
    },
  };
  (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    const isFirst = ++gate.callCount === 1;
    if (isFirst && options.holdBefore) {
      reach();
      await opened;
      return original(...args);
    }
    const result = await original(...args);
    if (isFirst) {
      reach();
      await opened;
    }
    return result;
  };
  return gate;
}
