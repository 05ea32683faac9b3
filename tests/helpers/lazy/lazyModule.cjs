/*
 * A module that stands for another one and loads it on first use (property read, `in`, key listing). Reports
 * `__esModule` without loading, so that TypeScript's `__importStar` hands the stand-in through unchanged instead of
 * copying (and so loading) every export. See tests/helpers/jestResolver.cjs.
 */
"use strict";
module.exports = function lazyModule(load) {
  let real;
  const target = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : target()[key]),
      has: (_, key) => key in target(),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(target(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
};
