/**
 * Records what `read()` gives at each moment `field` of a state object is set: a staff screen's
 * outcome message must be set only once the data it describes has been read again, so the test
 * looks at the data as it stood when the message came. The field is a Svelte `$state` accessor on
 * the class's prototype; an own accessor on the object passes each write through to it.
 */
export function onWrite<T extends object, K extends keyof T, R>(
  state: T,
  field: K,
  read: () => R,
): { value: T[K]; seen: R }[] {
  const writes: { value: T[K]; seen: R }[] = [];
  let proto: object | null = Object.getPrototypeOf(state);
  let d: PropertyDescriptor | undefined;
  while (proto && !(d = Object.getOwnPropertyDescriptor(proto, field))) proto = Object.getPrototypeOf(proto);
  if (!d?.get || !d.set) throw new Error(`${String(field)} is not a state accessor`);
  const { get, set } = d;
  Object.defineProperty(state, field, {
    configurable: true,
    get() {
      return get.call(state);
    },
    set(value: T[K]) {
      set.call(state, value);
      writes.push({ value, seen: read() });
    },
  });
  return writes;
}
